package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
    private static final HostAccess EVERYTHING = new HostAccess(true, "host", "host", List.of("cap_sys_admin", "CHOWN"), "host");

    @Test
    void refusesEveryHostTakeOverByDefault() {
        assertThat(Guardrails.defaults().check("django", EVERYTHING)).extracting(Guardrails.Violation::key)
                .containsExactly("privileged", "pid", "ipc", "network_mode", "cap_add");
        assertThat(Guardrails.defaults().check("rtpengine", new HostAccess(false, "", "", List.of(), "host"))).isEmpty();
    }

    @Test
    void theAgentConfigCanAllowWhatItChooses() {
        Guardrails open = new Guardrails(true, true, true, Set.of("django"), List.of("/srv/mooring/"), Set.of("SYS_ADMIN"));
        assertThat(open.check("django", EVERYTHING)).isEmpty();
        assertThat(open.checkBind("/srv/mooring/acme")).isNull();
        assertThat(open.checkBind("/srv/mooring-other")).contains("outside the agent's allowed folders");
        assertThat(open.checkBind("/srv/mooring/../../etc")).contains("without '.', '..'");
    }

    @Test
    void neverTheRootOrTheDockerSocketWhateverTheAllowList() {
        Guardrails all = new Guardrails(false, false, false, Set.of(), List.of("/"), Set.of());
        assertThat(all.checkBind("/")).contains("never allowed");
        assertThat(all.checkBind("/var/run/docker.sock")).contains("never allowed");
        assertThat(all.checkBind("/var/run")).contains("never allowed");
        assertThat(all.checkBind("/run/")).contains("never allowed");
        assertThat(all.checkBind("/srv/data")).isNull();
    }
}
