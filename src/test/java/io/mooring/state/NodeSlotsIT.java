package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.leader.NodeSlots;
import io.mooring.leader.Singletons;
import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.state.jdbi.JdbiSingletonRuns;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestStateDb;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The boundary between a node's own scheduled database backup and the leader standing in for it while it is down, on the
 * real PostgreSQL: whichever claims a slot first makes it; a leader that takes over a slot the node left running fences
 * the node's commit; a slot the node is committing is not taken; a node whose claim cannot be asked runs nothing.
 */
class NodeSlotsIT {
    private static final String JOB = "backup:acme@node-b";
    private final Instant slot = Instant.parse("2026-11-30T03:00:00Z");
    private TestStateDb db;
    private SingletonRuns runs;
    private Leadership leadership;
    private Leadership.Term leader;

    @BeforeEach
    void setUp() throws Exception {
        db = TestStateDb.create("nodeslots");
        runs = new JdbiSingletonRuns(Jdbi.create(db.dataSource()));
        leadership = JdbiLeadership.of(db.url(), TestPostgres.USER, "", new Properties(), "node-a");
        leader = leadership.tryLead(Optional.empty(), Duration.ofMinutes(1)).orElseThrow();
    }

    @AfterEach
    void tearDown() throws Exception {
        leadership.close();
        db.close();
    }

    @Test
    void theNodeClaimsItsSlotFirstAndTheLeaderStandingInFindsItTaken() {
        assertThat(runs.claimAsNode(JOB, slot, "node-b")).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.mayCommitAsNode(JOB, slot, "node-b")).isTrue();
        assertThat(runs.claim(JOB, slot, leader)).as("committing: the node's manifest may be written").isEqualTo(SingletonRuns.Claim.TAKEN);
        assertThat(runs.finishedAsNode(JOB, slot, "node-b", true, "backup 1")).isTrue();
        assertThat(runs.claim(JOB, slot, leader)).isEqualTo(SingletonRuns.Claim.TAKEN);
        assertThat(runs.claimAsNode(JOB, slot.plusSeconds(60), "node-b")).as("the next slot").isEqualTo(SingletonRuns.Claim.CLAIMED);
    }

    @Test
    void theLeaderClaimsFirstAndTheNodeBackUpLeavesTheSlotToIt() {
        assertThat(runs.claim(JOB, slot, leader)).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.claimAsNode(JOB, slot, "node-b")).as("the node came back during the stand-in").isEqualTo(SingletonRuns.Claim.TAKEN);
        assertThat(runs.mayCommit(JOB, slot, leader)).isTrue();
        assertThat(runs.finished(JOB, slot, leader, true, "stand-in backup")).isTrue();
        assertThat(runs.claimAsNode(JOB, slot, "node-b")).isEqualTo(SingletonRuns.Claim.TAKEN);
    }

    @Test
    void aSlotTheNodeLeftRunningIsTakenOverByTheLeaderAndTheNodesCommitIsFenced() {
        assertThat(runs.claimAsNode(JOB, slot, "node-b")).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.claimAsNode(JOB, slot, "node-b")).as("a restart of the node: its own again").isEqualTo(SingletonRuns.Claim.CLAIMED);

        assertThat(runs.claim(JOB, slot, leader)).as("the node died in its dump").isEqualTo(SingletonRuns.Claim.CLAIMED);

        assertThat(runs.mayCommitAsNode(JOB, slot, "node-b")).as("a node that was only cut off cannot commit too").isFalse();
        assertThat(runs.finishedAsNode(JOB, slot, "node-b", false, "late")).isFalse();
        assertThat(runs.claimAsNode(JOB, slot, "node-b")).isEqualTo(SingletonRuns.Claim.TAKEN);
        assertThat(runs.mayCommit(JOB, slot, leader)).isTrue();
    }

    @Test
    void nodeSlotsRunTheWorkOnceAndRecordHowItEnded() {
        NodeSlots node = new NodeSlots(runs, "node-b");
        int[] made = new int[1];
        Singletons.Result first = node.run(JOB, slot, fence -> {
            assertThat(fence.refusal()).isEmpty();
            made[0]++;
            return "backup 1";
        });
        Singletons.Result again = node.run(JOB, slot, fence -> {
            made[0]++;
            return "backup 2";
        });

        assertThat(first.outcome()).isEqualTo(Singletons.Outcome.DONE);
        assertThat(again.outcome()).isEqualTo(Singletons.Outcome.TAKEN);
        assertThat(made[0]).isEqualTo(1);
        Singletons.Result failed = node.run(JOB, slot.plusSeconds(60), fence -> {
            throw new java.io.IOException("pg_dump: connection refused");
        });
        assertThat(failed).isEqualTo(new Singletons.Result(Singletons.Outcome.FAILED, "pg_dump: connection refused"));
        assertThat(runs.claim(JOB, slot.plusSeconds(60), leader)).as("a failure is final for the slot").isEqualTo(SingletonRuns.Claim.TAKEN);
    }
}
