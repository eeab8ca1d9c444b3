package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
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
    /** H2's error code for a database file another process has open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    final Reconciler reconciler;
    /** The state database's pool: closing it closes the database. */
    private final AutoCloseable database;
    private final ClusterParts.NodeState state;
    private final GitSource source;
    private final Engine engine;

    LocalAgent(AgentOptions agent, Reconciler.Settings settings) throws Exception {
        Path backups = agent.backupOptions().localDirectory();
        PrivateFolders.prepare(agent.home(), backups);
        Wiring.CommandDatabase opened;
        try {
            opened = Wiring.commandDatabase(agent.database());
        } catch (Exception e) {
            throw held(e, agent.home()).orElseThrow(() -> e);
        }
        database = opened.pool();
        try {
            state = ClusterParts.nodeState(agent.database(), opened.dataSource(), agent.home(), agent.node(), new MetricRegistry());
        } catch (Exception e) {
            database.close();
            throw held(e, agent.home()).orElseThrow(() -> e);
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

    /**
     * The embedded state database under {@code home} is one process's at a time: a running agent holds it (with a shared
     * PostgreSQL too, where it keeps the node's own state).
     */
    static java.util.Optional<Exception> held(Exception e, Path home) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return java.util.Optional.of(new UserError("mooring: the state database under " + home + " is held by another process, most"
                        + " likely the running agent (mooring server): stop it first (systemctl stop mooring), or plan a change offline"
                        + " with plan --base REV --ref REV"));
            }
        }
        return java.util.Optional.empty();
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
            database.close();
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
