package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.engine.Engine;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import java.nio.file.Path;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.PrivateFolders;
import io.mooring.wiring.Secrets;
import io.mooring.wiring.Wiring;

/** What {@code apply} and {@code plan} share: the state database, the repository mirror and the engine. */
final class LocalAgent implements AutoCloseable {
    final Reconciler reconciler;
    private final ManagedDataSource dataSource;
    private final GitSource source;
    private final Engine engine;

    LocalAgent(AgentOptions agent, Reconciler.Settings settings) throws Exception {
        Path backups = agent.backupOptions().localDirectory();
        PrivateFolders.prepare(agent.home(), backups);
        dataSource = agent.database().build(new MetricRegistry(), "state");
        dataSource.start();
        // The state database's files appear once it is open.
        PrivateFolders.prepare(agent.home(), backups);
        try {
            source = Secrets.decrypting(Wiring.source(agent.repo(), agent.home(), agent.git(), agent.depth()),
                    Secrets.decryptor(agent.config()));
            engine = AgentParts.engine(agent.dockerHost(), agent.registries(), agent.rollout(), agent.networks(), agent.filesDir());
            reconciler = AgentParts.reconciler(source, engine, agent.dockerHost(), Wiring.store(dataSource), agent.node(), settings,
                    AgentParts.backups(agent.backupOptions(), agent.backup()));
        } catch (RuntimeException e) {
            dataSource.stop();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try (GitSource s = source; Engine e = engine) {
            // closed in reverse order
        } finally {
            dataSource.stop();
        }
    }
}
