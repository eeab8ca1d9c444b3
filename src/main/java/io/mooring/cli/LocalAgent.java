package io.mooring.cli;

import io.mooring.engine.Engine;
import io.mooring.inventory.SchemaMemory;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import java.nio.file.Path;
import java.util.function.Supplier;
import io.mooring.wiring.AcmeCertificates;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.PrivateFolders;
import io.mooring.wiring.Secrets;
import io.mooring.wiring.Wiring;

/**
 * What {@code apply} and {@code plan} share: the state database (opened meanwhile, {@link OpeningState}), the repository
 * mirror and the engine.
 */
final class LocalAgent implements AutoCloseable {
    /** H2's error code for a database file another process has open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    final Reconciler reconciler;
    private final OpeningState state;
    private final SchemaVerdicts verdicts;
    private final GitSource source;
    private final Engine engine;

    LocalAgent(AgentOptions agent, Reconciler.Settings settings) {
        Path backups = agent.backupOptions().localDirectory();
        PrivateFolders.prepare(agent.home(), backups);
        state = new OpeningState(agent, backups);
        verdicts = SchemaVerdicts.under(agent.home());
        SchemaMemory.use(verdicts);
        GitSource made = null;
        try {
            source = made = Secrets.decrypting(Wiring.source(agent.repo(), agent.home(), agent.git(), agent.depth()),
                    Secrets.decryptor(agent.config()));
            engine = AgentParts.engine(agent.dockerHost(), agent.registries(), agent.rollout(), agent.networks(), agent.filesDir());
            // A certificate authority is asked only once the database that keeps what it issues is open.
            Reconciler.Settings asking = settings.withCertificates(AcmeCertificates.askingOnceReady(settings.certificates(), state::await));
            reconciler = AgentParts.reconciler(source, engine, agent.dockerHost(), state, agent.node(), asking,
                    AgentParts.backups(agent.backupOptions(), agent.backup()));
        } catch (RuntimeException e) {
            SchemaMemory.use(null);
            try (GitSource s = made; OpeningState opened = state) {
                // closed
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Runs what uses the state database: when the database could not be opened, that is the command's error, whatever
     * the work made of it.
     */
    <T> T withState(Supplier<T> work) throws Exception {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            state.await();
            throw e;
        }
        state.await();
        return result;
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

    @Override
    public void close() throws Exception {
        try (OpeningState s = state; GitSource g = source; Engine e = engine) {
            // closed in reverse order: the engine, the source, then the database
        } finally {
            remember(verdicts);
        }
    }

    private static void remember(SchemaVerdicts verdicts) {
        SchemaMemory.use(null);
        try {
            verdicts.save();
        } catch (java.io.IOException e) {
            // only remembered: the next command compiles the schemas
        }
    }
}
