package io.mooring.wiring;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.config.AgentConfig;
import io.mooring.engine.Engine;
import io.mooring.reconcile.Heartbeat;
import io.mooring.reconcile.HistoryCopy;
import io.mooring.reconcile.LastBackups;
import io.mooring.reconcile.NodeContainers;
import io.mooring.reconcile.NodeReporter;
import io.mooring.reconcile.ReconcileLoop;
import io.mooring.reconcile.Reconciler;
import io.mooring.state.ClusterState;
import io.mooring.state.NodeStore;
import io.mooring.state.PassOutbox;
import io.mooring.state.StateException;
import io.mooring.state.StateStore;
import io.mooring.state.jdbi.JdbiAdoption;
import io.mooring.state.jdbi.JdbiClusterState;
import io.mooring.state.jdbi.JdbiPassOutbox;
import io.mooring.state.jdbi.JdbiStateStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts by which agents sharing a state database see each other: the cluster's state, this node's heartbeat, and
 * this node's store, its own state kept apart from the shared database.
 */
public final class ClusterParts {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterParts.class);

    private ClusterParts() {
    }

    /** The cluster's state in the state database, whose schema {@link Wiring#store} brought up to date. */
    public static ClusterState state(DataSource dataSource) {
        return JdbiClusterState.on(dataSource);
    }

    /** Whether the state database is shared by the agents of a cluster (PostgreSQL), rather than this node's alone (H2). */
    public static boolean shared(DataSourceFactory database) {
        return database.getUrl() != null && database.getUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * This node's store, the agent's and the command line's: the state database itself when it is the node's own (H2);
     * on a shared one, a {@link NodeStore} whose own part is the embedded database under {@code home} (a node that kept
     * its journal and deployments in the shared one before moves them there once, said in the log), with the outbox of
     * its passes into the shared history. Both schemas are brought up to date first.
     */
    public static NodeState nodeState(DataSourceFactory database, DataSource dataSource, Path home, String node, MetricRegistry metrics) {
        if (!shared(database)) {
            return new NodeState(Wiring.store(dataSource), Optional.empty(), Optional.empty());
        }
        ManagedDataSource own = Wiring.embeddedDatabase(home).build(metrics, "own-state");
        try {
            JdbiStateStore ownStore = JdbiStateStore.withOutbox(own);
            try {
                Wiring.store(dataSource);
                moved(JdbiAdoption.adopt(dataSource, own, node), node, home);
            } catch (StateException e) {
                if (!JdbiAdoption.holds(own, node)) {
                    // Its first start on this home: what an earlier version kept in the shared database must be read first.
                    throw e;
                }
                LOG.warn("node {}: the shared state database cannot be used ({}); the node starts from its own state under {}, its"
                        + " passes wait there for the shared history", node, e.getMessage(), home);
            }
            return new NodeState(new NodeStore(ownStore, JdbiStateStore.on(dataSource)),
                    Optional.of(new JdbiPassOutbox(own, dataSource, JdbiPassOutbox.DEFAULT_BOUND)), Optional.of(own));
        } catch (RuntimeException e) {
            stop(own);
            throw e;
        }
    }

    private static void moved(JdbiAdoption.Moved moved, String node, Path home) {
        if (moved.any()) {
            LOG.info("node {}: its state moved from the shared state database to its own under {}: {} deployment(s), {} journal"
                    + " entr(y/ies), the newest {} pass(es); the shared history keeps its passes", node, home, moved.deployments(),
                    moved.journal(), moved.passes());
        }
    }

    /**
     * The agent's pool on its state database; on a shared one, made even while the server does not answer (a node that
     * has its own state starts and runs its passes; the pool connects once the server is back).
     */
    public static ManagedDataSource dataSource(DataSourceFactory database, MetricRegistry metrics) {
        if (shared(database)) {
            // No connection opened up front: the pool would log a server that does not answer with its trace.
            database.setInitialSize(0);
            database.setMinSize(0);
            database.setIgnoreExceptionOnPreLoad(true);
            // A server that stops answering (a partition) fails a heartbeat, a copy into the shared history or a read within
            // a minute, not when TCP gives up hours later: the API falls back to the node's own history meanwhile.
            database.getProperties().putIfAbsent("connectTimeout", "5");
            database.getProperties().putIfAbsent("socketTimeout", "60");
            database.getProperties().putIfAbsent("tcpKeepAlive", "true");
        }
        return database.build(metrics, "state");
    }

    private static void stop(ManagedDataSource dataSource) {
        try {
            dataSource.stop();
        } catch (Exception e) {
            LOG.debug("closing the node's own state database", e);
        }
    }

    /**
     * A node's store, the outbox of its passes into the shared history (on a shared database) and its own embedded
     * database, which whoever built it starts and stops.
     */
    public record NodeState(StateStore store, Optional<PassOutbox> outbox, Optional<ManagedDataSource> own) {
        /** The thread that copies the outbox every second, when there is one. */
        public Optional<HistoryCopy> copy(String node) {
            return outbox.map(o -> new HistoryCopy(node, o, Duration.ofSeconds(1)));
        }
    }

    /** The nodes the cluster's view shows down (three missed heartbeats), as {@code mooring status --all} does. */
    public static java.util.Set<String> downNodes(ClusterState cluster) {
        ClusterState.Snapshot snapshot = cluster.read();
        return io.mooring.model.ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now()).nodes().stream()
                .filter(n -> io.mooring.model.ClusterStatus.DOWN.equals(n.state())).map(io.mooring.model.ClusterStatus.Node::node)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** This node's heartbeat, reporting through {@code reporter} (the one the status page asks for this node's own view). */
    public static Heartbeat heartbeat(NodeReporter reporter, ClusterState cluster) {
        return new Heartbeat(reporter, cluster, reporter.interval());
    }

    /**
     * What this node reports of itself: its reconciler's tenants, their certificates, the last backups told to
     * {@code backups}, and its containers, listed again only when {@code loop}'s engine events say they changed.
     */
    public static NodeReporter reporter(AgentConfig config, Reconciler reconciler, Engine engine, LastBackups backups, ReconcileLoop loop) {
        NodeReporter.Identity identity = new NodeReporter.Identity(config.getNode(), version(), address(), Clock.systemUTC().instant(),
                config.getCluster().getHeartbeatInterval().toJavaDuration());
        return new NodeReporter(identity, reconciler, engine, backups, new NodeContainers(engine, config.getNode(), loop::engineChanges));
    }

    /** The jar's version and commit, "development (unknown)" when run from classes no build wrote. */
    public static String version() {
        return Build.current().label();
    }

    /** The name this host goes by, as other hosts would look it up. */
    private static String address() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
