package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
import io.mooring.model.PassRecord;
import io.mooring.state.DeferredStore;
import io.mooring.state.StateException;
import io.mooring.state.StateStore;
import io.mooring.wiring.ClusterParts;
import io.mooring.wiring.PrivateFolders;
import io.mooring.wiring.Wiring;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A command's state database, opened on a thread of its own while the command fetches the repository and renders the
 * tenant (an embedded database's open and its first statements are a third of a no-op {@code apply}); its first use
 * waits for it. When it could not be opened, that is the command's error ({@link #await}) and nothing that used it
 * went on: every read throws, and the pass's record, which has nowhere to go, is dropped.
 */
final class OpeningState extends DeferredStore implements AutoCloseable {
    private record Opened(AutoCloseable pool, ClusterParts.NodeState state) {
    }

    private final CompletableFuture<Opened> opening = new CompletableFuture<>();
    private final Path home;

    OpeningState(AgentOptions agent, Path backups) {
        this.home = agent.home();
        Thread thread = new Thread(() -> {
            try {
                opening.complete(open(agent, backups));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        }, "state-open");
        thread.setDaemon(true);
        thread.start();
    }

    private static Opened open(AgentOptions agent, Path backups) throws Exception {
        Wiring.CommandDatabase opened = Wiring.commandDatabase(agent.database());
        try {
            ClusterParts.NodeState state = ClusterParts.nodeState(agent.database(), opened.dataSource(), agent.home(), agent.node(),
                    new MetricRegistry());
            // The state database's files appear once it is open.
            PrivateFolders.prepare(agent.home(), backups);
            return new Opened(opened.pool(), state);
        } catch (Exception | Error e) {
            opened.pool().close();
            throw e;
        }
    }

    /** The open database; its failure as the command reports it (held by the agent: what to do). */
    OpeningState await() throws Exception {
        opened();
        return this;
    }

    private Opened opened() throws Exception {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            Exception failure = e.getCause() instanceof Exception cause ? cause : e;
            throw LocalAgent.held(failure, home).orElse(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** The open database once the open has ended; null when it failed. */
    private Opened settled() {
        return opening.handle((opened, failure) -> opened).join();
    }

    @Override
    protected StateStore store() {
        try {
            return opened().state().store();
        } catch (Exception e) {
            throw new StateException("the state database under " + home + " could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public void record(PassRecord pass) {
        Opened opened = settled();
        if (opened != null) {
            opened.state().store().record(pass);
        }
    }

    /** Waits for the open to end, then closes what it opened. */
    @Override
    public void close() throws Exception {
        Opened opened = settled();
        if (opened == null) {
            return;
        }
        try {
            // What this command recorded joins the shared history now when it can; else the agent copies it later.
            opened.state().outbox().ifPresent(outbox -> {
                try {
                    outbox.copy();
                } catch (StateException e) {
                    // waits in the node's own store
                }
            });
            opened.pool().close();
        } finally {
            if (opened.state().own().isPresent()) {
                opened.state().own().get().stop();
            }
        }
    }
}
