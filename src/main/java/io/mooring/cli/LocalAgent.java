package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.engine.Engine;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import io.mooring.state.StateException;
import java.nio.file.Path;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.ClusterParts;
import io.mooring.wiring.PrivateFolders;
import io.mooring.wiring.Secrets;
import io.mooring.wiring.Wiring;

/** What {@code apply} and {@code plan} share: the state database, the repository mirror and the engine. */
final class LocalAgent implements AutoCloseable {
    final Reconciler reconciler;
    private final ManagedDataSource dataSource;
    private final ClusterParts.NodeState state;
    private final GitSource source;
    private final Engine engine;

    LocalAgent(AgentOptions agent, Reconciler.Settings settings) throws Exception {
        Path backups = agent.backupOptions().localDirectory();
        PrivateFolders.prepare(agent.home(), backups);
        dataSource = agent.database().build(new MetricRegistry(), "state");
        dataSource.start();
        try {
            state = ClusterParts.nodeState(agent.database(), dataSource, agent.home(), agent.node(), new MetricRegistry());
        } catch (RuntimeException e) {
            dataSource.stop();
            throw e;
        }
        // The state database's files appear once it is open.
        PrivateFolders.prepare(agent.home(), backups);
        try {
            source = Secrets.decrypting(Wiring.source(agent.repo(), agent.home(), agent.git(), agent.depth()),
                    Secrets.decryptor(agent.config()));
            engine = AgentParts.engine(agent.dockerHost(), agent.registries(), agent.rollout(), agent.networks(), agent.filesDir());
            reconciler = AgentParts.reconciler(source, engine, agent.dockerHost(), state.store(), agent.node(), settings,
                    AgentParts.backups(agent.backupOptions(), agent.backup()));
        } catch (RuntimeException e) {
            stopDatabases();
            throw e;
        }
    }

    private void stopDatabases() throws Exception {
        try {
            // What this command recorded joins the shared history now when it can; else the agent copies it later.
            state.outbox().ifPresent(outbox -> {
                try {
                    outbox.copy();
                } catch (StateException e) {
                    // waits in the node's own store
                }
            });
            dataSource.stop();
        } finally {
            if (state.own().isPresent()) {
                state.own().get().stop();
            }
        }
    }

    @Override
    public void close() throws Exception {
        try (GitSource s = source; Engine e = engine) {
            // closed in reverse order
        } finally {
            stopDatabases();
        }
    }
}
