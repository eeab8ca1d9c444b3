package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.config.AgentConfig;
import io.mooring.state.ClusterState;
import io.mooring.state.StateException;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.ClusterParts;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * What {@code status} and {@code node remove} share: the agent's configuration ({@code --config}, else the one in
 * /etc/mooring) and, through its database, the cluster's state.
 */
final class ClusterAccess implements AutoCloseable {
    static final Path DEFAULT_CONFIG = Path.of(AgentParts.CONFIG_FOLDER, "mooring.yml");

    final AgentConfig config;
    final ClusterState cluster;
    private final ManagedDataSource dataSource;

    private ClusterAccess(AgentConfig config) throws Exception {
        this.config = config;
        // No connection made up front: the pool would log a database that cannot be reached with its trace, on stdout.
        config.getDatabase().setInitialSize(0);
        config.getDatabase().setMinSize(0);
        dataSource = config.getDatabase().build(new MetricRegistry(), "state");
        try {
            dataSource.start();
        } catch (java.sql.SQLException e) {
            // Not the URL: it may hold a password.
            throw new StateException("the state database (database: in " + config.configurationFile().map(Object::toString)
                    .orElse("the agent's configuration") + ") cannot be used: " + e.getMessage(), e);
        }
        // Read only: the command line never migrates the agents' database (they do, when they start).
        cluster = ClusterParts.state(dataSource);
    }

    /** The cluster's state, a failure naming the database (never its password) and the file that names it, in one line. */
    ClusterState.Snapshot read() {
        try {
            return cluster.read();
        } catch (StateException e) {
            throw new StateException("the state database " + where(config.getDatabase().getUrl()) + " (database: in "
                    + config.configurationFile().map(Object::toString).orElse("the agent's configuration") + ") cannot be read: "
                    + e.getMessage().replaceFirst("^the state database cannot be used: ", "").strip().replaceAll("\\s*\\n\\s*", "; "), e);
        }
    }

    /** A JDBC URL without its parameters, which may hold a password. */
    static String where(String url) {
        String bare = url == null ? "" : url.replaceFirst("^jdbc:", "");
        return bare.replaceFirst("[?;].*$", "").replaceFirst("//[^/@]*@", "//");
    }

    static void option(Subparser parser) {
        parser.addArgument("--config").metavar("FILE")
                .help("the agent's configuration file, whose node and state database are used (default: " + DEFAULT_CONFIG + ")");
    }

    /** The agent's configuration: {@code --config}, else the default file, which must then exist. */
    static AgentConfig config(Supplier<Bootstrap<?>> bootstrap, Namespace namespace, String command) {
        if (namespace.getString("config") == null) {
            if (!Files.isRegularFile(DEFAULT_CONFIG)) {
                throw new UsageError("mooring " + command + ": no --config given and " + DEFAULT_CONFIG
                        + " does not exist; name the agent's configuration file with --config");
            }
            namespace.getAttrs().put("config", DEFAULT_CONFIG.toString());
        }
        return AgentFile.load(bootstrap, namespace).orElseThrow();
    }

    static ClusterAccess open(AgentConfig config) throws Exception {
        return new ClusterAccess(config);
    }

    @Override
    public void close() throws Exception {
        dataSource.stop();
    }
}
