package io.mooring.commitstatus;

import static io.mooring.commitstatus.PassStatusesTest.SHA;
import static io.mooring.commitstatus.PassStatusesTest.pass;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A status is handed on only when what its commit shows changes: a quiet pass every interval posts nothing. */
class CommitStatusesTest {
    private final List<CommitStatus> posted = new ArrayList<>();
    private final CommitStatuses statuses = new CommitStatuses(posted::add);

    private List<String> states() {
        return posted.stream().map(s -> s.context() + " " + s.state() + " " + s.sha().substring(0, 4)).toList();
    }

    @Test
    void applyingThenConvergedPostsTwiceAndQuietPassesNothing() {
        statuses.applying("shop", "node-a", SHA, 3);
        statuses.passEnded(pass(PassStatus.CONVERGED, "", 3));
        for (int i = 0; i < 5; i++) {
            statuses.passEnded(pass(PassStatus.CONVERGED, "", 0));
        }
        assertThat(states()).containsExactly("mooring/shop@node-a RUNNING 89ab", "mooring/shop@node-a SUCCESS 89ab");
    }

    @Test
    void aNewCommitAndAnotherNodeOrTenantAreTheirOwnStatuses() {
        statuses.passEnded(pass(PassStatus.CONVERGED, "", 1));
        String next = "f".repeat(40);
        statuses.applying("shop", "node-a", next, 1);
        statuses.passEnded(new PassRecord("shop", "node-a", next, PassStatus.FAILED, "web exited", List.of(), Instant.EPOCH, Instant.EPOCH));
        statuses.passEnded(new PassRecord("shop", "node-b", SHA, PassStatus.CONVERGED, "", List.of(), Instant.EPOCH, Instant.EPOCH));
        statuses.passEnded(new PassRecord("blog", "node-a", SHA, PassStatus.CONVERGED, "", List.of(), Instant.EPOCH, Instant.EPOCH));
        statuses.passEnded(new PassRecord("shop", "node-a", next, PassStatus.HELD, "failed here before", List.of(), Instant.EPOCH,
                Instant.EPOCH));
        assertThat(states()).containsExactly("mooring/shop@node-a SUCCESS 89ab", "mooring/shop@node-a RUNNING ffff",
                "mooring/shop@node-a FAILURE ffff", "mooring/shop@node-b SUCCESS 89ab", "mooring/blog@node-a SUCCESS 89ab");
    }

    @Test
    void anUnavailablePassEndsARunningStatusAsAnErrorOnce() {
        statuses.applying("shop", "node-a", SHA, 1);
        statuses.passEnded(pass(PassStatus.UNAVAILABLE, "backup before upgrade failed", 0));
        statuses.passEnded(pass(PassStatus.UNAVAILABLE, "backup before upgrade failed", 0));
        statuses.passEnded(pass(PassStatus.DEFERRED, "", 0));
        statuses.passEnded(pass(PassStatus.DEFERRED, "", 0));
        assertThat(states()).containsExactly("mooring/shop@node-a RUNNING 89ab", "mooring/shop@node-a ERROR 89ab",
                "mooring/shop@node-a PENDING 89ab");
    }
}
