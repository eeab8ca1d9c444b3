package io.mooring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.config.AgentConfig;
import io.mooring.model.ClusterStatus;
import io.mooring.state.ClusterState;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * {@code mooring status [--config F] [--all] [--format text|json]}: this node, or every node of the cluster, as their
 * heartbeats in the shared state database tell it. Exit 0 when every node shown is up and converged, 3 when something is
 * degraded, 1 when the state cannot be read.
 */
public final class StatusCommand extends MooringCommand<StatusCommand.Options> {
    /** Exit code of a view that shows something degraded: a node down or not attached, a tenant not converged. */
    public static final int DEGRADED = 3;

    record Options(AgentConfig config, boolean all, boolean json, ObjectMapper mapper) {
    }

    public StatusCommand() {
        super("status", "Show this node, or with --all every node of the cluster: state, leader, tenants and components");
    }

    @Override
    public void configure(Subparser parser) {
        ClusterAccess.option(parser);
        parser.addArgument("--all").action(Arguments.storeTrue()).help("every node of the cluster, not only this one");
        parser.addArgument("--format").choices("text", "json").setDefault("text").help("a table for a terminal, or JSON");
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        return new Options(ClusterAccess.config(bootstrap, namespace, "status"), namespace.getBoolean("all"),
                "json".equals(namespace.getString("format")), bootstrap.get().getObjectMapper());
    }

    @Override
    protected void run(Options options) throws Exception {
        ClusterStatus status;
        try (ClusterAccess access = ClusterAccess.open(options.config())) {
            ClusterState.Snapshot snapshot = access.read();
            status = ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now());
            if (!options.all()) {
                status = status.only(options.config().getNode());
            }
            System.out.println(options.json() ? options.mapper().writeValueAsString(status) : StatusTable.text(status, snapshot.now()));
        }
        if (status.exitCode() != 0) {
            throw new UserError("mooring status: degraded: " + StatusTable.degraded(status), DEGRADED);
        }
    }
}
