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

    private static HostAccess devices(String... devices) {
        return new HostAccess(false, "", "", List.of(), "", java.util.Arrays.stream(devices).map(DeviceMapping::parse).toList());
    }

    @Test
    void devicesAreRefusedUnlessGrantedToTheTenantOrTheImage() {
        HostAccess asks = devices("/dev/zero:/dev/zero:r", "/dev/snd/controlC0");
        assertThat(Guardrails.defaults().check("acme", "zero", BUSYBOX, asks)).extracting(Guardrails.Violation::key)
                .containsExactly("devices", "devices");
        assertThat(Guardrails.defaults().check("acme", "zero", BUSYBOX, asks).get(0).message())
                .isEqualTo("devices /dev/zero:/dev/zero:r: host device /dev/zero is not granted to tenant acme or image"
                        + " docker.io/library/busybox (the agent must grant it: guardrails.tenants.acme.devices: [/dev/zero] or"
                        + " guardrails.images.docker.io/library/busybox.devices: [/dev/zero])");

        Guardrails byTenant = with(Map.of("acme", new Grant(false, false, Set.of(), List.of(), Set.of("/dev/zero", "/dev/snd"))), List.of());
        assertThat(byTenant.check("acme", "zero", BUSYBOX, asks)).as("a device, and a folder of devices").isEmpty();
        assertThat(byTenant.check("other", "zero", BUSYBOX, asks)).hasSize(2);
        assertThat(byTenant.check("acme", "zero", BUSYBOX, devices("/dev/sndx", "/dev/null"))).extracting(Guardrails.Violation::message)
                .allSatisfy(m -> assertThat(m).contains("is not granted to tenant acme")).hasSize(2);

        Guardrails byImage = new Guardrails(false, false, false, false, List.of(), Set.of(), Map.of(),
                Map.of("docker.io/library/busybox", new Grant(false, false, Set.of(), List.of(), Set.of("/dev/zero"))), List.of());
        assertThat(byImage.check("acme", "zero", BUSYBOX, devices("/dev/zero"))).isEmpty();
        assertThat(byImage.check("acme", "zero", ASTERISK, devices("/dev/zero"))).hasSize(1);
    }

    @Test
    void noOtherGrantGivesADevice() {
        Guardrails everythingElse = new Guardrails(true, true, true, true, List.of("/dev"), Set.of("SYS_ADMIN"),
                Map.of("acme", new Grant(true, true, Set.of("SYS_ADMIN"), List.of("/dev"))), Map.of(), List.of());
        assertThat(everythingElse.check("acme", "dev", BUSYBOX, devices("/dev/zero"))).extracting(Guardrails.Violation::key)
                .containsExactly("devices");
    }

    @Test
    void realTimeNiceAndMemlockUlimitsNeedTheCapabilityTheyAmountTo() {
        Set<String> limits = Set.of("nofile", "nproc", "rtprio", "rttime", "nice", "memlock");
        assertThat(Guardrails.defaults().checkOptions("acme", BUSYBOX, List.of(), Map.of(), limits, HostAccess.NONE))
                .extracting(Guardrails.Violation::message).hasSize(4)
                .anyMatch(m -> m.startsWith("ulimits rtprio lets the container's processes take the CPU from the host's")
                        && m.contains("guardrails.tenants.acme.capabilities: [SYS_NICE]"))
                .anyMatch(m -> m.startsWith("ulimits memlock lets the container lock the host's memory")
                        && m.contains("guardrails.images.docker.io/library/busybox.capabilities: [IPC_LOCK]"));
        Guardrails nice = with(Map.of("acme", new Grant(false, false, Set.of("SYS_NICE"), List.of())), List.of());
        assertThat(nice.checkOptions("acme", BUSYBOX, List.of(), Map.of(), limits, HostAccess.NONE))
                .extracting(Guardrails.Violation::message).singleElement().asString().startsWith("ulimits memlock");
        assertThat(nice.checkOptions("globex", BUSYBOX, List.of(), Map.of(), Set.of("rtprio"), HostAccess.NONE)).hasSize(1);
        Guardrails privileged = with(Map.of("acme", new Grant(true, false, Set.of(), List.of())), List.of());
        assertThat(privileged.checkOptions("acme", BUSYBOX, List.of(), Map.of(), limits, HostAccess.NONE)).isEmpty();
    }
}
