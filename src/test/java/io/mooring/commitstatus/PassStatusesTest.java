package io.mooring.commitstatus;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which status each end of a pass gives its commit, what it says, and the commits that get none. */
class PassStatusesTest {
    static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

    static PassRecord pass(PassStatus status, String message, int actions) {
        List<ActionRecord> done = java.util.Collections.nCopies(actions,
                new ActionRecord("web", ActionVerb.values()[0], "image changed", ActionOutcome.values()[0], ""));
        return new PassRecord("shop", "node-a", SHA, status, message, done, Instant.EPOCH, Instant.EPOCH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CONVERGED | | SUCCESS | converged: 3 change(s) applied",
        "FAILED | web did not become healthy; rolled back | FAILURE | failed: web did not become healthy; rolled back",
        "INVALID | components.yml: line 3: unknown key | FAILURE | invalid: components.yml: line 3: unknown key",
        "REFUSED | unsigned | FAILURE | refused: unsigned",
        "HELD | failed here before | FAILURE | held: failed here before",
        "INTERNAL | out of memory | FAILURE | internal: out of memory",
        "DEFERRED | | PENDING | deferred: waits for the maintenance window",
    })
    void eachEndGivesItsState(PassStatus status, String message, StatusState state, String description) {
        CommitStatus posted = PassStatuses.ended(pass(status, message, 3), Optional.empty()).orElseThrow();
        assertThat(posted.state()).isEqualTo(state);
        assertThat(posted.description()).isEqualTo(description);
        assertThat(posted.context()).isEqualTo("mooring/shop@node-a");
        assertThat(posted.sha()).isEqualTo(SHA);
    }

    @Test
    void unavailableAndDriftedLeaveTheStatusUnlessTheyLeftItRunning() {
        for (PassStatus status : List.of(PassStatus.UNAVAILABLE, PassStatus.DRIFTED)) {
            assertThat(PassStatuses.ended(pass(status, "engine down", 0), Optional.empty())).isEmpty();
            assertThat(PassStatuses.ended(pass(status, "engine down", 0), Optional.of(StatusState.SUCCESS))).isEmpty();
            assertThat(PassStatuses.ended(pass(status, "engine down", 0), Optional.of(StatusState.RUNNING)))
                    .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(StatusState.ERROR));
        }
    }

    @Test
    void aPassAboutToApplyIsRunningAndARevisionThatIsNoCommitGetsNothing() {
        assertThat(PassStatuses.applying("shop", "node-a", SHA, 2)).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(StatusState.RUNNING);
            assertThat(s.description()).isEqualTo("applying 2 change(s)");
        });
        assertThat(PassStatuses.applying("shop", "node-a", "", 2)).isEmpty();
        assertThat(PassStatuses.applying("shop", "node-a", "main", 2)).isEmpty();
        PassRecord noCommit = new PassRecord("shop", "node-a", "", PassStatus.FAILED, "git unreachable", List.of(), Instant.EPOCH, Instant.EPOCH);
        assertThat(PassStatuses.ended(noCommit, Optional.empty())).isEmpty();
    }

    @Test
    void aLongOrMultiLineMessageIsOneLineOfAtMost140Characters() {
        String message = "web did not become healthy:\n" + "é".repeat(200) + "\u0000tail";
        CommitStatus posted = PassStatuses.ended(pass(PassStatus.FAILED, message, 0), Optional.empty()).orElseThrow();
        assertThat(posted.description()).hasSize(CommitStatus.MAX_DESCRIPTION).doesNotContain("\n").doesNotContain("\u0000")
                .startsWith("failed: web did not become healthy: é").endsWith("…");
        String emoji = "🚢".repeat(150);
        String cut = CommitStatus.of("shop", "node-a", SHA, StatusState.FAILURE, emoji).description();
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(CommitStatus.MAX_DESCRIPTION);
        assertThat(cut).startsWith("🚢🚢").endsWith("🚢…");
    }
}
