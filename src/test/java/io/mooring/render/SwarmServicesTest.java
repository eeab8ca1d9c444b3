package io.mooring.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredService;
import io.mooring.model.Guardrails;
import io.mooring.model.Revision;
import io.mooring.model.SwarmFile;
import io.mooring.model.SwarmRestart;
import io.mooring.model.SwarmUpdate;
import io.mooring.model.TenantConfig;
import io.mooring.model.VarRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A Swarm tenant's components rendered as Swarm services: placement, replicas, update and restart, secrets, spec hash. */
class SwarmServicesTest {
    private static final Revision REV = new Revision("0123456789abcdef0123456789abcdef01234567", "test");
    private static final String INVENTORY = """
            all:
              hosts:
                node-1: {roles: [web]}
                node-2: {roles: [db]}
              vars: {mooring_engine: swarm, web_replicas: "3"}
            """;
    private static final String COMPONENTS = """
            services:
              web:
                image: demo/web:1.0
                environment: {DB_HOST: db}
                ports: ["8080:80"]
                secrets: [pw]
                healthcheck: {test: [CMD, "true"], interval: 5s, timeout: 2s, retries: 4, start_period: 10s}
                deploy: {replicas: "${web_replicas}"}
                x-mooring: {roles: [web]}
              db:
                image: postgres:16
                volumes: [data:/var/lib/postgresql/data]
                deploy:
                  placement: {constraints: ["node.labels.disk == ssd"]}
                  update_config: {order: stop-first}
                  restart_policy: {condition: on-failure, max_attempts: 3}
                x-mooring: {roles: [db]}
            secrets:
              pw: {file: pw.txt}
            """;

    @Test
    void rendersEachComponentAsOneServicePlacedByItsRole() {
        List<DesiredService> services = render(INVENTORY, COMPONENTS, "hunter2");
        assertThat(services).extracting(DesiredService::serviceName).containsExactly("acme-web", "acme-db");
        DesiredService web = services.get(0);
        DesiredService db = services.get(1);
        assertThat(web.constraints()).containsExactly("node.labels.mooring.role==web");
        assertThat(db.constraints()).containsExactly("node.labels.mooring.role==db", "node.labels.disk==ssd");
        assertThat(web.replicas()).isEqualTo(3);
        assertThat(db.replicas()).isEqualTo(1);
        assertThat(web.image().reference()).isEqualTo("demo/web:1.0");
        assertThat(web.environment()).containsEntry("DB_HOST", "db");
        assertThat(web.ports()).extracting(p -> p.hostPort() + ":" + p.containerPort()).containsExactly("8080:80");
        assertThat(db.volumes()).extracting(v -> v.source()).containsExactly("acme_data");
        assertThat(web.networks()).containsExactly("mooring-acme");
        // Start period 10s, then 4 retries of 5s, then the last one's timeout of 2s.
        assertThat(web.update()).isEqualTo(SwarmUpdate.defaults(Duration.ofSeconds(32)));
        assertThat(web.restart()).isEqualTo(SwarmRestart.DEFAULT);
        assertThat(db.update()).isEqualTo(new SwarmUpdate(1, Duration.ZERO, SwarmUpdate.STOP_FIRST, "rollback", Duration.ofSeconds(10), 0));
        assertThat(db.restart()).isEqualTo(new SwarmRestart("on-failure", Duration.ofSeconds(5), 3, Duration.ZERO));
    }

    @Test
    void aSecretIsNamedByItsContentAndNewContentIsANewNameAndSpec() throws Exception {
        DesiredService web = render(INVENTORY, COMPONENTS, "hunter2").get(0);
        SwarmFile pw = web.files().get(0);
        assertThat(pw.secret()).isTrue();
        assertThat(pw.key()).isEqualTo("pw");
        assertThat(pw.name()).isEqualTo("acme-pw-" + sha256("hunter2").substring(0, 12));
        assertThat(pw.target()).isEqualTo("/run/secrets/pw");
        assertThat(new String(pw.content(), StandardCharsets.UTF_8)).isEqualTo("hunter2");
        assertThat(web.specFields().toString()).doesNotContain("hunter2");

        DesiredService changed = render(INVENTORY, COMPONENTS, "correct horse").get(0);
        assertThat(changed.files().get(0).name()).isEqualTo("acme-pw-" + sha256("correct horse").substring(0, 12));
        assertThat(changed.specHash()).isNotEqualTo(web.specHash());
        assertThat(changedFields(web, changed)).containsExactly("files");
    }

    @Test
    void theSpecHashIsStableAndChangesWithTheReplicasAlone() {
        DesiredService web = render(INVENTORY, COMPONENTS, "hunter2").get(0);
        DesiredService again = render(INVENTORY, COMPONENTS, "hunter2").get(0);
        DesiredService four = render(INVENTORY.replace("\"3\"", "\"4\""), COMPONENTS, "hunter2").get(0);
        assertThat(again.specHash()).isEqualTo(web.specHash()).hasSize(64);
        assertThat(four.replicas()).isEqualTo(4);
        assertThat(four.specHash()).isNotEqualTo(web.specHash());
        assertThat(changedFields(web, four)).containsExactly("replicas");
        assertThat(web.specFields()).containsKeys("image", "command", "environment.DB_HOST", "ports", "volumes", "healthcheck",
                "replicas", "placement", "update", "restart", "resources", "files", "networks");
    }

    @Test
    void onASingleHostTenantSwarmKeysAreRefusedWhereWrittenSayingHowToUseThem() {
        TenantConfig config = load(INVENTORY.replace("mooring_engine: swarm, ", ""), COMPONENTS, "hunter2");
        assertThat(SwarmServices.swarm(config.inventory())).isFalse();
        assertThatThrownBy(() -> Renderer.renderAll(config, REV, Guardrails.defaults()))
                .hasMessageContaining("components.yml:8:24: services.web.deploy.replicas: 3 containers of one service are refused on"
                        + " one host; set mooring_engine: swarm in the tenant's inventory")
                .hasMessageContaining("components.yml:14:18: services.db.deploy.placement is for Docker Swarm: set mooring_engine:"
                        + " swarm in the tenant's inventory to deploy the tenant as Swarm services, or remove it")
                .hasMessageContaining("components.yml:15:22: services.db.deploy.update_config is for Docker Swarm")
                .hasMessageContaining("components.yml:16:23: services.db.deploy.restart_policy is for Docker Swarm: set mooring_engine:"
                        + " swarm in the tenant's inventory to deploy the tenant as Swarm services, or remove it; on one host, write"
                        + " restart: on the service");
        String one = COMPONENTS.replace("\"${web_replicas}\"", "1").replaceAll("(?s)    deploy:\\n      placement.*?\\n(    x-mooring)", "$1");
        assertThat(Renderer.renderAll(load(INVENTORY.replace("mooring_engine: swarm, ", ""), one, "x"), REV, Guardrails.defaults()))
                .as("replicas: 1 is what one host runs").hasSize(2);
    }

    @Test
    void aSwarmTenantIsToldAsSuchAndItsSingleHostRenderDoesNotRefuseItsKeys() {
        TenantConfig config = load(INVENTORY, COMPONENTS, "hunter2");
        assertThat(SwarmServices.swarm(config.inventory())).isTrue();
        assertThat(Renderer.renderAll(config, REV, Guardrails.defaults())).containsKeys("node-1", "node-2");
        assertThat(VarRules.problem(VarRules.ENGINE, "kubernetes")).isEqualTo("mooring_engine must be docker or swarm, not 'kubernetes'");
        assertThat(VarRules.problem(VarRules.ENGINE, "swarm")).isNull();
    }

    @Test
    void whatASwarmServiceCannotDoIsRefusedNamingTheComponentAndTheField() {
        Guardrails open = new Guardrails(true, true, true, true, List.of("/srv"), Set.of(), Map.of(), Map.of(), List.of());
        String components = """
                services:
                  web:
                    image: demo/web:1.0
                    privileged: true
                    network_mode: host
                    volumes: ["/srv/acme:/data"]
                    user: "1000"
                    x-mooring: {roles: [web]}
                """;
        assertThatThrownBy(() -> SwarmServices.render(load(INVENTORY.replace("[db]", "[web]"), components, "x"), REV, open))
                .hasMessageContaining("components.yml:4:17: services.web.privileged: a Swarm service cannot run privileged")
                .hasMessageContaining("components.yml:5:19: services.web.network_mode: host: a Swarm service's tasks join the tenant's"
                        + " overlay network")
                .hasMessageContaining("components.yml:6:14: services.web.volumes: the host folder /srv/acme is each node's own")
                .hasMessageContaining("components.yml:7:11: services.web.user is not carried to a Swarm service by Mooring yet");
    }

    @Test
    void aVolumeNameThatCouldBeAnotherTenantsAndANetworkOfItsOwnAreRefused() {
        String components = """
                services:
                  web:
                    image: demo/web:1.0
                    volumes: ["b_data:/data"]
                    networks: [default, back]
                    x-mooring: {roles: [web]}
                networks:
                  back: {}
                volumes:
                  b_data: {}
                """;
        // Tenant acme's b_data would be acme_b_data, which is also tenant acme_b's volume data.
        assertThatThrownBy(() -> render(INVENTORY.replace("[db]", "[web]"), components, "x"))
                .hasMessageContaining("services.web.volumes: b_data: a Swarm tenant's volume name may not hold '_'")
                .hasMessageContaining("services.web.networks.back: a Swarm service joins the tenant's own network only");
    }

    @Test
    void aDeployValueIsCheckedWhereItIsWritten() {
        String components = COMPONENTS.replace("update_config: {order: stop-first}", "update_config: {order: sideways}\n"
                + "      rollback_config: {parallelism: 2}").replace("\"${web_replicas}\"", "\"-1\"");
        assertThatThrownBy(() -> render(INVENTORY, components, "x"))
                .hasMessageContaining("components.yml:8:24: services.web.deploy.replicas: '-1' is not a whole number from 0")
                .hasMessageContaining("components.yml:15:30: services.db.deploy.update_config.order: 'sideways' is not one of"
                        + " start-first, stop-first")
                .hasMessageContaining("components.yml:16:24: services.db.deploy.rollback_config: Mooring rolls a service back as it"
                        + " rolls it out");
    }

    @Test
    void aComponentThatDiffersBetweenItsHostsOrHasTwoRolesIsRefused() {
        String inventory = """
                all:
                  hosts:
                    node-1: {roles: [web], zone: a}
                    node-2: {roles: [web], zone: b}
                  vars: {mooring_engine: swarm}
                """;
        String components = "services:\n  web:\n    image: demo/web:1.0\n    environment: {ZONE: \"${zone}\"}\n"
                + "    x-mooring: {roles: [web]}\n  api:\n    image: demo/web:1.0\n    x-mooring: {roles: [web, api]}\n";
        assertThatThrownBy(() -> render(inventory.replace("node-2: {roles: [web]", "node-2: {roles: [web, api]"), components, "x"))
                .hasMessageContaining("components.yml:3:5: services.web is not the same on hosts node-1 and node-2 (environment.ZONE)")
                .hasMessageContaining("services.api.x-mooring.roles [api, web]: a Swarm service is placed by one role");
    }

    @Test
    void aFileNameKeepsItsHashWithinSwarmsLength() {
        String hash = "0123456789ab".repeat(5);
        assertThat(SwarmServices.fileName("acme", "pw", hash)).isEqualTo("acme-pw-0123456789ab");
        String longName = SwarmServices.fileName("t".repeat(60), "k".repeat(60), hash);
        assertThat(longName).hasSizeLessThanOrEqualTo(64).endsWith("-0123456789ab").startsWith("ttt").contains("-kkk");
        assertThat(SwarmServices.fileName("acme", "x-mooring/odd key", hash)).isEqualTo("acme-x-mooring-odd-key-0123456789ab");
    }

    private static List<String> changedFields(DesiredService a, DesiredService b) {
        Set<String> keys = new TreeSet<>(a.specFields().keySet());
        keys.addAll(b.specFields().keySet());
        keys.removeIf(k -> java.util.Objects.equals(a.specFields().get(k), b.specFields().get(k)));
        return List.copyOf(keys);
    }

    private static List<DesiredService> render(String inventory, String components, String secret) {
        return SwarmServices.render(load(inventory, components, secret), REV, Guardrails.defaults());
    }

    private static TenantConfig load(String inventory, String components, String secret) {
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", inventory.getBytes(StandardCharsets.UTF_8));
        files.put("components.yml", components.getBytes(StandardCharsets.UTF_8));
        files.put("pw.txt", secret.getBytes(StandardCharsets.UTF_8));
        return TenantLoader.load(new Files(files), "acme");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A repository of one tenant at its root, in memory. */
    private record Files(Map<String, byte[]> files) implements ConfigTree {
        public Optional<byte[]> read(String path) {
            return Optional.ofNullable(files.get(path));
        }

        public List<String> folders(String dir) {
            return List.of();
        }

        public boolean isFolder(String path) {
            return path.isEmpty();
        }

        public List<String> links(String dir) {
            return List.of();
        }
    }
}
