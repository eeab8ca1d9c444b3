package io.mooring.wiring;

import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import io.mooring.reconcile.HistoryCopy;
import io.mooring.state.DeferredStore;
import io.mooring.state.StateException;
import io.mooring.state.StateStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The agent's state database opened, and its schema brought up to date, on a thread of its own while the rest of the
 * agent and its server are made (a fifth of the start's main thread otherwise). The store handed to the reconciler and
 * the resources waits for it at its first use; the server's start waits for it before it listens ({@link #opened}),
 * so that a database that cannot be opened or migrated fails the start with its own error, as before, and nothing has
 * used it.
 */
public final class StateAside {
    private final CompletableFuture<ClusterParts.NodeState> opening;
    private final ManagedDataSource dataSource;
    private final String node;
    private Optional<HistoryCopy> copy = Optional.empty();

    private StateAside(CompletableFuture<ClusterParts.NodeState> opening, ManagedDataSource dataSource, String node) {
        this.opening = opening;
        this.dataSource = dataSource;
        this.node = node;
    }

    /** {@code open} (this node's state on {@code dataSource}, see {@link ClusterParts#nodeState}) started on its own thread. */
    public static StateAside open(ManagedDataSource dataSource, String node, Supplier<ClusterParts.NodeState> open) {
        return new StateAside(CompletableFuture.supplyAsync(open, task -> {
            Thread thread = new Thread(task, "mooring-state-open");
            thread.setDaemon(true);
            thread.start();
        }), dataSource, node);
    }

    /** This node's store, each call waiting for the open; a failed open's error as a {@link StateException}. */
    public StateStore store() {
        return DeferredStore.of(() -> state().store());
    }

    private ClusterParts.NodeState state() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new StateException("the state database could not be opened", e);
        }
    }

    /**
     * To be managed before all else, so that it stops after all else: the node's own embedded database (on a shared one)
     * and the pool on the state database closed once the open has ended.
     */
    public Managed closing() {
        return new Managed() {
            @Override
            public void stop() throws Exception {
                Optional<ClusterParts.NodeState> state = opening.handle((opened, failure) -> Optional.ofNullable(opened)).join();
                try {
                    if (state.isPresent() && state.get().own().isPresent()) {
                        state.get().own().get().stop();
                    }
                } finally {
                    dataSource.stop();
                }
            }
        };
    }

    /**
     * To be managed after the parts that use the store: its start waits for the open and fails with its error; then the
     * pools are started (their gauges registered) and, on a shared database, the copy of this node's passes into the
     * shared history, which its stop stops.
     */
    public Managed opened() {
        return new Managed() {
            @Override
            public void start() throws Exception {
                ClusterParts.NodeState state = state();
                dataSource.start();
                if (state.own().isPresent()) {
                    state.own().get().start();
                }
                copy = state.copy(node);
                if (copy.isPresent()) {
                    copy.get().start();
                }
            }

            @Override
            public void stop() throws Exception {
                if (copy.isPresent()) {
                    copy.get().stop();
                }
            }
        };
    }
}
