package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.state.jdbi.JdbiSingletonRuns;
import io.mooring.testing.Await;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestStateDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slots of singleton jobs on the real PostgreSQL, across a change of leader: a slot runs under one term; an older
 * term's work cannot commit once a newer one took over; a slot the dead leader left running is run again by the new
 * one, a slot it had begun committing is not; a node that does not lead claims nothing.
 */
class SingletonRunsIT {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final String JOB = "backup:acme";
    private final Instant slot = Instant.parse("2026-11-30T03:00:00Z");
    private TestStateDb db;
    private SingletonRuns runs;
    private final List<Leadership> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = TestStateDb.create("slots");
        runs = new JdbiSingletonRuns(Jdbi.create(db.dataSource()));
    }

    @AfterEach
    void tearDown() throws Exception {
        opened.forEach(Leadership::close);
        db.close();
    }

    private Leadership contender(String node) {
        Leadership leadership = JdbiLeadership.of(db.url(), TestPostgres.USER, "", new Properties(), node);
        opened.add(leadership);
        return leadership;
    }

    /** node-a leads and dies (its session closes); node-b takes over once the lease ran out. */
    private Leadership.Term takeOver(Leadership a) {
        a.close();
        Leadership b = contender("node-b");
        return Await.until(Duration.ofSeconds(10), () -> b.tryLead(Optional.empty(), LEASE), Optional::isPresent).orElseThrow();
    }

    @Test
    void aSlotRunsOnceUnderTheLeadersTermAndNodesThatDoNotLeadClaimNothing() {
        Leadership a = contender("node-a");
        Leadership.Term term = a.tryLead(Optional.empty(), LEASE).orElseThrow();
        assertThat(runs.claim(JOB, slot, new Leadership.Term("node-b", 1))).as("node-b does not lead").isEqualTo(SingletonRuns.Claim.FENCED);

        assertThat(runs.claim(JOB, slot, term)).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.finished(JOB, slot, term, true, "backup 1")).as("done only after the fence let it commit").isFalse();
        assertThat(runs.mayCommit(JOB, slot, term)).isTrue();
        assertThat(runs.claim(JOB, slot, term)).as("once").isEqualTo(SingletonRuns.Claim.TAKEN);
        assertThat(runs.finished(JOB, slot, term, true, "backup 1")).isTrue();
        assertThat(runs.claim(JOB, slot.plusSeconds(3600), term)).as("the next slot is its own").isEqualTo(SingletonRuns.Claim.CLAIMED);
    }

    @Test
    void aSlotTheDeadLeaderLeftRunningIsRunByTheNewLeaderAndTheOldTermCannotCommit() {
        Leadership a = contender("node-a");
        Leadership.Term old = a.tryLead(Optional.empty(), LEASE).orElseThrow();
        assertThat(runs.claim(JOB, slot, old)).isEqualTo(SingletonRuns.Claim.CLAIMED);

        Leadership.Term now = takeOver(a);

        assertThat(now.epoch()).isEqualTo(2);
        assertThat(runs.claim(JOB, slot, now)).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.mayCommit(JOB, slot, old)).as("the paused ex-leader is fenced").isFalse();
        assertThat(runs.finished(JOB, slot, old, false, "late")).as("nor can it record the slot").isFalse();
        assertThat(runs.mayCommit(JOB, slot, now)).isTrue();
        assertThat(runs.finished(JOB, slot, now, true, "backup 2")).isTrue();
        assertThat(runs.claim(JOB, slot, now)).isEqualTo(SingletonRuns.Claim.TAKEN);
    }

    @Test
    void aSlotTheDeadLeaderHadBegunCommittingIsNotRunAgain() {
        Leadership a = contender("node-a");
        Leadership.Term old = a.tryLead(Optional.empty(), LEASE).orElseThrow();
        runs.claim(JOB, slot, old);
        assertThat(runs.mayCommit(JOB, slot, old)).isTrue();

        Leadership.Term now = takeOver(a);

        assertThat(runs.claim(JOB, slot, now)).as("its manifest may be written: not a second backup").isEqualTo(SingletonRuns.Claim.TAKEN);
        assertThat(runs.forget(Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(runs.claim(JOB, slot, now)).isEqualTo(SingletonRuns.Claim.CLAIMED);
    }

    @Test
    void aFencedExLeadersFailureRecordedBeforeTheNewLeaderClaimsDoesNotCloseTheSlot() {
        Leadership a = contender("node-a");
        Leadership.Term old = a.tryLead(Optional.empty(), LEASE).orElseThrow();
        runs.claim(JOB, slot, old);

        Leadership.Term now = takeOver(a);

        assertThat(runs.finished(JOB, slot, old, false, "backup was not committed: fenced")).as("no longer its lease").isFalse();
        assertThat(runs.claim(JOB, slot, now)).as("the new leader runs the slot").isEqualTo(SingletonRuns.Claim.CLAIMED);
    }

    @Test
    void aSlotThisNodeLeftRunningUnderItsOwnTermIsClaimedAgainNotLost() {
        Leadership a = contender("node-a");
        Leadership.Term term = a.tryLead(Optional.empty(), LEASE).orElseThrow();
        assertThat(runs.claim(JOB, slot, term)).isEqualTo(SingletonRuns.Claim.CLAIMED);
        // The run ended without a record (the state database failed under it); the scheduler asks again, same term.

        assertThat(runs.claim(JOB, slot, term)).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.claim(JOB, slot, new Leadership.Term("node-b", term.epoch()))).as("not another node's").isEqualTo(SingletonRuns.Claim.FENCED);
        assertThat(runs.finished(JOB, slot, term, false, "pg_dump failed")).isTrue();
        assertThat(runs.claim(JOB, slot, term)).as("a failure is final").isEqualTo(SingletonRuns.Claim.TAKEN);
    }
}
