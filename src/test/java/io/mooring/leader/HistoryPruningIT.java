package io.mooring.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.state.jdbi.JdbiSharedHistory;
import io.mooring.state.jdbi.JdbiSingletonRuns;
import io.mooring.state.jdbi.JdbiStateStore;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestStateDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader prunes the shared pass history on the real PostgreSQL, once an hour for the cluster: a node that stopped
 * reporting keeps only the newest passes of each tenant; another agent, not leading, prunes nothing.
 */
class HistoryPruningIT {
    private static final Election.Timings TIMINGS = new Election.Timings(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5));
    private TestStateDb db;
    private Election leader;
    private Election other;

    @BeforeEach
    void setUp() throws Exception {
        db = TestStateDb.create("history");
        leader = election("node-a");
        other = election("node-b");
    }

    @AfterEach
    void tearDown() throws Exception {
        leader.stop();
        other.stop();
        db.close();
    }

    private Election election(String node) {
        Election election = new Election(JdbiLeadership.of(db.url(), TestPostgres.USER, "", new Properties(), node), node, TIMINGS);
        election.round();
        return election;
    }

    private HistoryPruning pruning(Election election) {
        JdbiSingletonRuns runs = new JdbiSingletonRuns(Jdbi.create(db.dataSource()));
        return new HistoryPruning(new Singletons(election, runs), JdbiSharedHistory.on(db.dataSource()), runs, 3, Clock.systemUTC(),
                Duration.ofMinutes(1));
    }

    @Test
    void theLeaderKeepsTheNewestPassesOfANodeThatStoppedReportingOnceAnHour() throws Exception {
        JdbiStateStore store = new JdbiStateStore(Jdbi.create(db.dataSource()), 1000);
        Instant at = Instant.parse("2026-11-30T03:00:00Z");
        for (int i = 0; i < 8; i++) {
            store.record(new PassRecord("acme", "node-gone", "rev" + i, PassStatus.CONVERGED, "pass " + i,
                    List.of(new ActionRecord("web", ActionVerb.of("create"), "why", ActionOutcome.DONE, "done")),
                    at.plusSeconds(i), at.plusSeconds(i)));
        }
        store.record(new PassRecord("acme", "node-a", "rev0", PassStatus.CONVERGED, "here", List.of(), at, at));
        assertThat(leader.leads()).isTrue();
        assertThat(other.leads()).isFalse();

        assertThat(pruning(other).runDue().outcome()).isEqualTo(Singletons.Outcome.NOT_LEADER);
        assertThat(TestPostgres.count(db.name(), "passes")).isEqualTo(9);
        Singletons.Result pruned = pruning(leader).runDue();

        assertThat(pruned.outcome()).isEqualTo(Singletons.Outcome.DONE);
        assertThat(pruned.message()).startsWith("5 pass(es) past the newest 3");
        assertThat(store.recent(null, 100)).extracting(PassRecord::message).containsExactlyInAnyOrder("pass 7", "pass 6", "pass 5", "here");
        assertThat(TestPostgres.count(db.name(), "pass_actions")).isEqualTo(3);
        assertThat(pruning(leader).runDue().outcome()).as("once an hour").isEqualTo(Singletons.Outcome.TAKEN);
    }
}
