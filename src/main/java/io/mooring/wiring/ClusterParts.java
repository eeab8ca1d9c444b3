package io.mooring.wiring;

import io.mooring.config.AgentConfig;
import io.mooring.engine.Engine;
import io.mooring.reconcile.Heartbeat;
import io.mooring.reconcile.NodeReporter;
import io.mooring.reconcile.Reconciler;
import io.mooring.state.ClusterState;
import io.mooring.state.jdbi.JdbiClusterState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/** The parts by which agents sharing a state database see each other: the cluster's state and this node's heartbeat. */
public final class ClusterParts {
    private ClusterParts() {
    }

    /** The cluster's state in the state database, whose schema {@link Wiring#store} brought up to date. */
    public static ClusterState state(DataSource dataSource) {
        return JdbiClusterState.on(dataSource);
    }

    /** The cluster's state on a database no one has migrated yet (the command line's). */
    public static ClusterState migratedState(DataSource dataSource) {
        return JdbiClusterState.migrated(dataSource);
    }

    public static Heartbeat heartbeat(AgentConfig config, Reconciler reconciler, Engine engine, ClusterState cluster) {
        NodeReporter.Identity identity = new NodeReporter.Identity(config.getNode(), version(), address(), Clock.systemUTC().instant(),
                config.getCluster().getHeartbeatInterval().toJavaDuration());
        return new Heartbeat(new NodeReporter(identity, reconciler, engine), cluster, identity.interval());
    }

    /** The jar's version, "development" when run from classes. */
    public static String version() {
        return Optional.ofNullable(ClusterParts.class.getPackage().getImplementationVersion()).orElse("development");
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
