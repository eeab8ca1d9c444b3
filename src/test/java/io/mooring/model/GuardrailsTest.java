package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
    private static final HostAccess EVERYTHING = new HostAccess(true, "host", "host", List.of("cap_sys_admin", "CHOWN"), "host");
    private static final HostAccess HOST_NETWORK = new HostAccess(false, "", "", List.of(), "host");
    private static final ImageRef BUSYBOX = ImageRef.parse("busybox:1.36");
    private static final ImageRef ASTERISK = ImageRef.parse("docker.io/omnileads/asterisk:240920.01");

    private static Guardrails with(Map<String, Grant> tenants, List<String> bindMounts) {
        return new Guardrails(false, false, false, false, bindMounts, Set.of(), tenants, Guardrails.VOICE_IMAGES, List.of());
    }

    @Test
    void refusesEveryHostTakeOverByDefault() {
        assertThat(Guardrails.defaults().check("acme", "django", BUSYBOX, EVERYTHING)).extracting(Guardrails.Violation::key)
                .containsExactly("privileged", "pid", "ipc", "network_mode", "cap_add");
    }

    @Test
    void aServiceNamedAsteriskGetsNoHostNetworkFromItsName() {
        assertThat(Guardrails.defaults().check("acme", "asterisk", BUSYBOX, HOST_NETWORK)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("not granted to tenant acme or image docker.io/library/busybox")
                        .contains("guardrails.tenants.acme.hostNetwork: true").contains("guardrails.images.docker.io/library/busybox.hostNetwork: true"));
    }

    @Test
    void theVoiceImagesOfTheBuiltInDefinitionsGetTheHostNetworkByDefault() {
        assertThat(Guardrails.defaults().check("acme", "pbx", ASTERISK, HOST_NETWORK)).isEmpty();
        assertThat(Guardrails.defaults().check("acme", "media", ImageRef.parse("omnileads/rtpengine:1"), HOST_NETWORK)).isEmpty();
    }

    @Test
    void aTenantGrantAllowsWhatItNamesToThatTenantOnly() {
        Guardrails grants = with(Map.of("acme", new Grant(true, true, Set.of("sys_admin"), List.of())), List.of());
        assertThat(grants.check("acme", "django", BUSYBOX, new HostAccess(true, "", "", List.of("CAP_SYS_ADMIN"), "host"))).isEmpty();
        assertThat(grants.check("other", "django", BUSYBOX, new HostAccess(true, "", "", List.of("CAP_SYS_ADMIN"), "host")))
                .extracting(Guardrails.Violation::key).containsExactly("privileged", "network_mode", "cap_add");
    }

    @Test
    void anImageGrantAddsCapabilitiesToThatRepositoryWhateverItsTag() {
        Guardrails grants = new Guardrails(false, false, false, false, List.of(), Set.of(), Map.of(),
                Map.of("registry.example.com/voice/pbx", new Grant(false, true, Set.of("NET_ADMIN"), List.of())), List.of());
        HostAccess asks = new HostAccess(false, "", "", List.of("NET_ADMIN"), "host");
        assertThat(grants.check("acme", "x", ImageRef.parse("registry.example.com/voice/pbx:2@sha256:" + "a".repeat(64)), asks)).isEmpty();
        assertThat(grants.check("acme", "x", ImageRef.parse("registry.example.com/voice/other:2"), asks)).hasSize(2);
    }

    @Test
    void theTenantPlaceholderIsFilledInForEachTenant() {
        Guardrails grants = with(Map.of("acme", new Grant(false, false, Set.of(), List.of("/data/{tenant}-extra"))),
                List.of("/srv/mooring/{tenant}"));
        assertThat(grants.checkBind("acme", "/srv/mooring/acme/conf")).isNull();
        assertThat(grants.checkBind("acme", "/data/acme-extra")).isNull();
        assertThat(grants.checkBind("globex", "/srv/mooring/acme/conf")).contains("outside the agent's allowed folders [/srv/mooring/globex]");
        assertThat(grants.checkBind("globex", "/data/globex-extra")).contains("guardrails.tenants.globex.bindMounts");
        assertThat(grants.checkBind("acme", "/srv/mooring/acme/../globex")).contains("without '.', '..'");
    }

    @Test
    void neverTheHostsOwnFoldersTheDockerSocketOrTheAgentWhateverTheAllowList() {
        Guardrails all = with(Map.of(), List.of("/")).withAgentFolders(List.of("/var/lib/mooring", "/etc/mooring"));
        for (String path : List.of("/", "/proc", "/proc/1", "/sys", "/dev/sda", "/boot", "/etc", "/etc/", "/var/run/docker.sock",
                "/var/run", "/run/", "/var/lib/mooring", "/var/lib/mooring/repo", "/var/lib", "/etc/mooring/api-token")) {
            assertThat(all.checkBind("acme", path)).as(path).contains("never allowed");
        }
        assertThat(all.checkBind("acme", "/srv/data")).isNull();
        assertThat(all.checkBind("acme", "/etc/omnileads/certs")).isNull();
    }
}
