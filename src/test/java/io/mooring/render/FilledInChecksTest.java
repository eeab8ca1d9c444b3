package io.mooring.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.inventory.InventoryReader;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A value holding Jinja is checked as a literal one is, once filled in for the host that uses it, at its line. */
class FilledInChecksTest {
    private static final Revision REV = new Revision("0000000000000000000000000000000000000000", "test");
    private static final String HEAD = """
            all:
              hosts:
                acme: {ansible_host: 192.0.2.10, omni_ip_lan: 192.0.2.10}
              vars:
            """;

    private static Map<String, DesiredState> render(String vars) {
        String yaml = HEAD + vars;
        TenantConfig config = new TenantConfig("acme", InventoryReader.read("inventory.yml", yaml.getBytes(StandardCharsets.UTF_8)),
                TenantLoader.BuiltIn.OMNILEADS);
        return Renderer.renderAll(config, REV, Guardrails.defaults());
    }

    private static List<String> components(Map<String, DesiredState> states, String host) {
        return states.get(host).containers().stream().map(DesiredContainer::component).toList();
    }

    @Test
    void aManagedServiceSwitchCountsOnceFilledIn() {
        assertThat(components(render("    x: ''\n    postgres_host: \"{{ x }}\"\n"), "acme")).contains("postgresql");
        assertThat(components(render("    x: 192.0.2.50\n    postgres_host: \"{{ x }}\"\n"), "acme")).doesNotContain("postgresql");
        assertThatThrownBy(() -> render("    x: 'host=evil dbname=x'\n    postgres_host: \"{{ x }}\"\n"))
                .hasMessageContaining("inventory.yml:6:20: postgres_host 'host=evil dbname=x' must be a plain host name or IP address")
                .hasMessageContaining("once filled in for host acme");
    }

    @Test
    void knownVariablesAreCheckedOnceFilledInAtTheirLine() {
        assertThatThrownBy(() -> render("    e: moon\n    infra_env: \"{{ e }}\"\n"))
                .hasMessageContaining("inventory.yml:6:16: infra_env must be all or cloud or custom or hybrid or lan or nat, not 'moon'");
        assertThatThrownBy(() -> render("    n: nowhere\n    infra_env: nat\n    nat_ip_addr: \"{{ n }}\"\n"))
                .hasMessageContaining("inventory.yml:7:18: nat_ip_addr 'nowhere' must be an IPv4 address");
        assertThatThrownBy(() -> render("    n: ''\n    infra_env: nat\n    nat_ip_addr: \"{{ n }}\"\n"))
                .hasMessageContaining("inventory.yml:6:16: host acme: infra_env nat needs nat_ip_addr")
                .hasMessageContaining("empty once filled in");
        assertThatThrownBy(() -> render("    v: '$(reboot)'\n    asterisk_version: \"{{ v }}\"\n"))
                .hasMessageContaining("inventory.yml:6:23: asterisk_version '$(reboot)' is not an image tag");
        assertThat(render("    n: 203.0.113.7\n    e: nat\n    infra_env: \"{{ e }}\"\n    nat_ip_addr: \"{{ n }}\"\n")).containsKey("acme");
    }

    @Test
    void markerVarsCountOnceFilledIn() {
        String two = """
                all:
                  hosts:
                    a: {omni_ip_lan: 192.0.2.1, omlvoice: "{{ voice }}"}
                    b: {omni_ip_lan: 192.0.2.2, omlapp: "{{ app | default('true') }}"}
                  vars: {voice: 'true', app: 'false'}
                """;
        TenantConfig config = new TenantConfig("acme", InventoryReader.read("inventory.yml", two.getBytes(StandardCharsets.UTF_8)),
                TenantLoader.BuiltIn.OMNILEADS);
        Placement placement = Placement.of(config);
        assertThat(placement.componentsOn("a")).extracting(s -> s.name()).contains("asterisk");
        assertThat(placement.problems()).extracting(p -> p.message()).anyMatch(m -> m.contains("host b has no roles"));
    }

    /** 2.2.2 runs nothing on omnileads_dialer; the 3.x dialer workers run the dialer with DIALER_WORKER_IMG. */
    @Test
    void dialerHostsAsTheDeployToolRunsThem() {
        String yaml = """
                all:
                  hosts:
                    app: {omni_ip_lan: 192.0.2.1}
                    dial: {omni_ip_lan: 192.0.2.2}
                    worker: {omni_ip_lan: 192.0.2.3}
                  vars: {DIALER_WORKER_IMG: 'docker.io/freetechsolutions/dialer_worker:20250605-3d4e5f6'}
                omnileads_aio: {hosts: {app: }}
                omnileads_dialer: {hosts: {dial: }}
                dialer_workers: {hosts: {worker: }}
                """;
        TenantConfig config = new TenantConfig("acme", InventoryReader.read("inventory.yml", yaml.getBytes(StandardCharsets.UTF_8)),
                TenantLoader.BuiltIn.OMNILEADS);
        Map<String, DesiredState> states = Renderer.renderAll(config, REV, Guardrails.defaults());
        assertThat(components(states, "dial")).isEmpty();
        assertThat(components(states, "app")).doesNotContain("dialer");
        assertThat(states.get("worker").containers()).extracting(c -> c.component() + " " + c.image().reference())
                .containsExactly("dialer docker.io/freetechsolutions/dialer_worker:20250605-3d4e5f6");
    }
}
