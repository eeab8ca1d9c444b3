package io.mooring.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.inventory.ComponentsReader;
import io.mooring.inventory.InventoryReader;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import io.mooring.model.VolumeMount;
import java.nio.charset.StandardCharsets;
import io.mooring.model.Guardrails;
import io.mooring.model.Grant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RendererTest {
    private static final Revision REV = new Revision("0123456789abcdef0123456789abcdef01234567", "test");
    private static final String INVENTORY = """
            all:
              hosts:
                app: {roles: [web], web_port: 18080}
                voice: {roles: [voice]}
              vars: {web_version: "1.0"}
            """;
    private static final String COMPONENTS = """
            services:
              web:
                image: 127.0.0.1:5000/demo/web:${web_version}
                ports: ["127.0.0.1:${web_port}:8080"]
                volumes: [data:/data]
                environment: {B: "2", A: "1"}
                x-mooring: {roles: [web]}
              asterisk:
                image: omnileads/asterisk:${asterisk_version:-latest}
                x-mooring: {roles: [voice]}
            """;

    private static TenantConfig config(String inventory, String components) {
        return new TenantConfig("acme", InventoryReader.read("inventory.yml", inventory.getBytes(StandardCharsets.UTF_8)),
                ComponentsReader.read("components.yml", components.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rendersOnlyTheComponentsOfTheNodesRoles() {
        DesiredState app = Renderer.render(config(INVENTORY, COMPONENTS), "app", REV);
        assertThat(app.containers()).extracting(DesiredContainer::component).containsExactly("web");
        DesiredContainer web = app.containers().get(0);
        assertThat(web.containerName()).isEqualTo("acme-web");
        assertThat(web.image().reference()).isEqualTo("127.0.0.1:5000/demo/web:1.0");
        assertThat(web.ports().get(0).hostPort()).isEqualTo(18080);
        assertThat(web.volumes()).containsExactly(new VolumeMount(VolumeMount.Kind.NAMED, "acme_data", "/data", false));

        DesiredState voice = Renderer.render(config(INVENTORY, COMPONENTS), "voice", REV);
        assertThat(voice.containers()).extracting(c -> c.image().reference()).containsExactly("omnileads/asterisk:latest");
    }

    @Test
    void theSpecHashIgnoresKeyOrderAndTheRevisionButNotTheTag() {
        String reordered = COMPONENTS.replace("environment: {B: \"2\", A: \"1\"}", "environment: {A: \"1\", B: \"2\"}");
        String hash = Renderer.render(config(INVENTORY, COMPONENTS), "app", REV).containers().get(0).specHash();
        String same = Renderer.render(config(INVENTORY, reordered), "app", new Revision("ffff", "other")).containers().get(0).specHash();
        String upgraded = Renderer.render(config(INVENTORY.replace("\"1.0\"", "\"1.1\""), COMPONENTS), "app", REV).containers().get(0).specHash();
        assertThat(same).isEqualTo(hash).hasSize(64);
        assertThat(upgraded).isNotEqualTo(hash);
    }

    @Test
    void grantedDevicesReachTheSpecAndItsHashWhileHostAccessWithoutDevicesHashesAsBefore() {
        Guardrails grants = new Guardrails(false, false, false, false, List.of(), Set.of(),
                Map.of("acme", new Grant(false, false, Set.of(), List.of(), Set.of("/dev/zero"))), Guardrails.VOICE_IMAGES, List.of());
        String withDevice = COMPONENTS.replace("volumes: [data:/data]", "volumes: [data:/data]\n    devices: [\"/dev/zero:/dev/zero:r\"]");
        DesiredContainer plain = Renderer.render(config(INVENTORY, COMPONENTS), "app", REV, grants).containers().get(0);
        DesiredContainer device = Renderer.render(config(INVENTORY, withDevice), "app", REV, grants).containers().get(0);
        assertThat(device.access().devices()).extracting(Object::toString).containsExactly("/dev/zero:/dev/zero:r");
        assertThat(device.specHash()).isNotEqualTo(plain.specHash());
        assertThat(device.specFields()).containsKey("access");

        // The host network of the voice images: its access field is the one written before devices existed.
        DesiredContainer voice = Renderer.render(config(INVENTORY, COMPONENTS.replace("x-mooring: {roles: [voice]}",
                "network_mode: host\n    x-mooring: {roles: [voice]}")), "voice", REV).containers().get(0);
        java.util.TreeMap<String, Object> before = new java.util.TreeMap<>(Map.of("privileged", false, "pid", "", "ipc", "",
                "cap_add", List.of(), "network_mode", "host"));
        assertThat(voice.specFields().get("access")).isEqualTo(SpecHash.fields(Map.of("access", before)).get("access"));
    }

    @Test
    void gathersEveryRenderingProblemWithItsPlace() {
        String broken = COMPONENTS.replace("${web_version}", "${nope}").replace("${web_port}:8080", "${web_port}:99999");
        assertThatThrownBy(() -> Renderer.render(config(INVENTORY, broken), "app", REV))
                .hasMessageContaining("components.yml:3:12: undefined variable ${nope}")
                .hasMessageContaining("components.yml:4:13: ")
                .hasMessageContaining("outside 1-65535");
    }

    @Test
    void fillsInTheVariablesOfExecProbesAndHooksAndGathersTheMissingOnes() {
        String probed = COMPONENTS.replace("x-mooring: {roles: [web]}", """
                x-mooring:
                      roles: [web]
                      probe: {exec: ["check", "--port", "${web_port}"], timeout: 5s}
                      hooks: {before: [{name: migrate, command: ["migrate", "--to", "${web_version}"]}]}""");
        DesiredContainer web = Renderer.render(config(INVENTORY, probed), "app", REV).containers().get(0);
        assertThat(web.rollout().probe().command()).containsExactly("check", "--port", "18080");
        assertThat(web.rollout().hooks().get(0).command()).containsExactly("migrate", "--to", "1.0");

        String missing = probed.replace("${web_port}\"]", "${probe_port}\"]").replace("--to\", \"${web_version}", "--to\", \"${target}");
        assertThatThrownBy(() -> Renderer.render(config(INVENTORY, missing), "app", REV))
                .hasMessageContaining("undefined variable ${probe_port}")
                .hasMessageContaining("undefined variable ${target}");
    }

    @Test
    void refusesAHostRoleThatNoComponentHasRatherThanRemovingEverything() {
        assertThatThrownBy(() -> Renderer.render(config(INVENTORY.replace("roles: [web]", "roles: [wbe]"), COMPONENTS), "app", REV))
                .hasMessageContaining("inventory.yml:3:18: host app: role(s) [wbe] match no component; the components' roles are [voice, web]");
    }

    @Test
    void refusesANodeThatIsNotInTheInventory() {
        assertThatThrownBy(() -> Renderer.render(config(INVENTORY, COMPONENTS), "db", REV))
                .hasMessageContaining("node 'db' is not a host of tenant 'acme'; its hosts are [app, voice]");
    }

    @Test
    void fillsInTheJinjaOfTheVariablesReadOutsideARender() {
        var inventory = InventoryReader.read("inventory.yml", """
                all:
                  hosts:
                    data: {omni_ip_lan: 192.0.2.21}
                    app: {postgres_host: "{{ hostvars['data'].omni_ip_lan }}", other: "{{ nope }}"}
                """.getBytes(StandardCharsets.UTF_8));
        var app = Renderer.withValues(inventory, inventory.host("app").orElseThrow(), java.util.List.of("postgres_host", "absent"));
        assertThat(app.vars()).containsEntry("postgres_host", "192.0.2.21").containsEntry("other", "{{ nope }}").doesNotContainKey("absent");
    }
}
