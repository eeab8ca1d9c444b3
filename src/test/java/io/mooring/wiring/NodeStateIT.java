package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.Deployment;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.state.PassOutbox;
import io.mooring.state.StateStore;
import io.mooring.state.jdbi.JdbiPassOutbox;
import io.mooring.state.jdbi.JdbiStateStore;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestStateDb;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster node's store, as the agent and the command line build it on a shared PostgreSQL: its journal and deployments
 * in its own embedded database, its passes copied into the shared history, and the state an older agent kept in the
 * shared database moved over once.
 */
class NodeStateIT {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    @TempDir
    Path home;
    private TestStateDb db;
    private DataSourceFactory factory;
    private ManagedDataSource shared;

    @BeforeEach
    void setUp() throws Exception {
        db = TestStateDb.create("nodestate");
        factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(db.url());
        factory.setUser(TestPostgres.USER);
        shared = factory.build(new MetricRegistry(), "shared");
    }

    @AfterEach
    void tearDown() throws Exception {
        shared.stop();
        db.close();
    }

    private ClusterParts.NodeState open() {
        return ClusterParts.nodeState(factory, shared, home, "node-a", new MetricRegistry());
    }

    private static PassRecord pass(String revision, int second) {
        return new PassRecord("acme", "node-a", revision, PassStatus.CONVERGED, "applied " + revision,
                List.of(new ActionRecord("web", ActionVerb.CREATE, "missing", ActionOutcome.DONE, "created acme-web")),
                T0.plusSeconds(second), T0.plusSeconds(second + 1));
    }

    private long sharedCount(String table) throws Exception {
        return TestPostgres.count(db.name(), table);
    }

    @Test
    void aNodesOwnStateStaysOnItsDiskAndItsPassesReachTheSharedHistoryInOrderOnce() throws Exception {
        ClusterParts.NodeState state = open();
        try {
            StateStore store = state.store();
            store.record(pass("r1", 0));
            store.record(pass("r2", 10));
            store.journal(new JournalRecord("acme", "node-a", "web", "acme-web", JournalStep.CREATING, "", "img", "", "r2", T0));
            store.deployed(new Deployment("acme", "node-a", "web", "c1", "img", "sha256:1", "h", "r2", T0));
            assertThat(sharedCount("journal") + sharedCount("deployments"))
                    .as("the journal and deployments are the node's own").isZero();
            assertThat(sharedCount("passes")).as("copied only by the outbox").isZero();
            PassOutbox outbox = state.outbox().orElseThrow();

            assertThat(outbox.copy()).isEqualTo(new PassOutbox.Copied(2, 0, 0));
            assertThat(outbox.copy()).isEqualTo(new PassOutbox.Copied(0, 0, 0));
            List<PassRecord> history = new JdbiStateStore(Jdbi.create(shared)).recent("acme", 10);
            assertThat(history).extracting(PassRecord::revision).containsExactly("r2", "r1");
            assertThat(history.get(0)).isEqualTo(pass("r2", 10));
            assertThat(store.recent("acme", 10)).as("the cluster's history, read from the shared database").isEqualTo(history);

            // A copy whose acknowledgement was lost is tried again: the shared history finds it there.
            Jdbi.create(state.own().orElseThrow()).useHandle(h -> h.execute("INSERT INTO pass_outbox (pass_id)"
                    + " SELECT MAX(id) FROM passes"));
            outbox.copy();
            assertThat(sharedCount("passes")).isEqualTo(2);
            assertThat(store.journal("acme", "node-a")).hasSize(1);
            assertThat(store.deployments("acme", "node-a")).containsOnlyKeys("web");
        } finally {
            state.own().orElseThrow().stop();
        }
    }

    @Test
    void passesWaitingBeyondTheBoundGiveWayOldestFirst() throws Exception {
        ClusterParts.NodeState state = open();
        try {
            for (int i = 1; i <= 5; i++) {
                state.store().record(pass("r" + i, i * 10));
            }
            PassOutbox bounded = new JdbiPassOutbox(state.own().orElseThrow(), shared, 2);
            assertThat(bounded.copy()).isEqualTo(new PassOutbox.Copied(2, 3, 0));
            assertThat(new JdbiStateStore(Jdbi.create(shared)).recent("acme", 10)).extracting(PassRecord::revision)
                    .containsExactly("r5", "r4");
            assertThat(state.store().last("acme", "node-a")).get().extracting(PassRecord::revision).isEqualTo("r5");
        } finally {
            state.own().orElseThrow().stop();
        }
    }

    /** An agent that kept everything in the shared database (before its own state moved to its disk) starts on this version. */
    @Test
    void theJournalAndDeploymentsAnOlderAgentKeptInTheSharedDatabaseMoveToItsOwnOnce() throws Exception {
        StateStore before = new JdbiStateStore(Jdbi.create(shared));
        before.record(new PassRecord("acme", "node-a", "r1", PassStatus.FAILED, "pull failed", List.of(), T0, T0));
        before.record(pass("r2", 10));
        before.record(new PassRecord("acme", "node-b", "r2", PassStatus.CONVERGED, "", List.of(), T0, T0));
        before.journal(new JournalRecord("acme", "node-a", "db", "acme-db", JournalStep.CREATING, "", "img", "old", "r2", T0));
        before.deployed(new Deployment("acme", "node-a", "web", "c1", "img", "sha256:1", "h", "r2", T0));
        before.deployed(new Deployment("acme", "node-b", "api", "c2", "img", "sha256:2", "h", "r2", T0));

        ClusterParts.NodeState state = open();
        try {
            StateStore store = state.store();
            assertThat(store.deployments("acme", "node-a")).containsOnlyKeys("web");
            assertThat(store.deployments("acme", "node-a").get("web").containerId()).isEqualTo("c1");
            assertThat(store.journal("acme", "node-a")).extracting(JournalRecord::component, JournalRecord::oldId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("db", "old"));
            assertThat(store.last("acme", "node-a")).get().extracting(PassRecord::revision).isEqualTo("r2");
            assertThat(store.last("acme", "node-a", PassStatus.FAILURES)).get().extracting(PassRecord::revision).isEqualTo("r1");
            assertThat(store.deployedTenants("node-b")).as("another node's state is not this node's").isEmpty();
            assertThat(before.deployments("acme", "node-a")).as("moved, not copied").isEmpty();
            assertThat(before.journal("acme", "node-a")).isEmpty();
            assertThat(before.deployments("acme", "node-b")).containsOnlyKeys("api");
            assertThat(state.outbox().orElseThrow().copy().copied()).as("the shared history has these passes").isZero();
            assertThat(sharedCount("passes")).isEqualTo(3);
        } finally {
            state.own().orElseThrow().stop();
        }

        // Once: a node whose own store holds its state takes nothing more from the shared database.
        before.deployed(new Deployment("acme", "node-a", "stale", "c9", "img", "sha256:9", "h", "r0", T0));
        ClusterParts.NodeState again = open();
        try {
            assertThat(again.store().deployments("acme", "node-a")).containsOnlyKeys("web");
        } finally {
            again.own().orElseThrow().stop();
        }
    }
}
