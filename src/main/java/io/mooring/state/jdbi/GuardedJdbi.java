package io.mooring.state.jdbi;

import io.mooring.state.StateException;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The store's way into the database: any failure of it (unreachable, locked, a statement refused) is a
 * {@link StateException}, the port's one word for "the state database cannot be used", never JDBI's own; and
 * every string bound is {@link StoredText}, so that no text is refused for what it holds.
 *
 * <p>What is committed stays committed when the agent is killed: an H2 database on disk keeps a commit in memory
 * until its background writer stores it (up to its write delay later), so every call but a {@link #read} ends with a
 * {@code CHECKPOINT} there, which writes what is unsaved and syncs it.
 * Without it, a {@code kill -9} right after a pass lost the journal's or the deployments' last rows, and the agent,
 * started again, undid or redid what it had already done. PostgreSQL's commits are durable as they return.
 */
final class GuardedJdbi {
    private final Supplier<Jdbi> making;
    private volatile Jdbi jdbi;
    private volatile Boolean h2OnDisk;

    GuardedJdbi(Jdbi jdbi) {
        this.making = () -> jdbi;
        jdbi();
    }

    private GuardedJdbi(Supplier<Jdbi> making) {
        this.making = making;
    }

    /**
     * On {@code dataSource}, its statements read by {@link StatementText}, the JDBI made at the first call: the parts the
     * agent makes as it starts but uses only once it runs (the cluster's state, the singleton jobs' slots, the shared
     * history) do not make theirs (some 15 ms each) on the start's thread.
     */
    static GuardedJdbi on(DataSource dataSource) {
        return new GuardedJdbi(() -> StatementText.jdbi(dataSource));
    }

    private Jdbi jdbi() {
        Jdbi made = jdbi;
        if (made == null) {
            synchronized (this) {
                made = jdbi;
                if (made == null) {
                    made = making.get();
                    made.registerArgument(new StoredText());
                    jdbi = made;
                }
            }
        }
        return made;
    }

    <T> T with(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi().withHandle(handle -> {
                T result = callback.withHandle(handle);
                stored(handle);
                return result;
            });
        } catch (JdbiException e) {
            throw failed(e);
        }
    }

    /** A call that only reads: nothing of it to store, so no {@code CHECKPOINT} after it. */
    <T> T read(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi().withHandle(callback);
        } catch (JdbiException e) {
            throw failed(e);
        }
    }

    void use(HandleConsumer<RuntimeException> consumer) {
        with(handle -> {
            consumer.useHandle(handle);
            return null;
        });
    }

    void transaction(HandleConsumer<RuntimeException> consumer) {
        with(handle -> {
            handle.useTransaction(consumer);
            return null;
        });
    }

    /** On an embedded H2 database on disk, what was committed through any connection is written and synced before it returns. */
    private void stored(Handle handle) {
        if (h2OnDisk == null) {
            try {
                String url = handle.getConnection().getMetaData().getURL();
                // Embedded only: an H2 server (tcp:, ssl:) is a process of its own, which the agent's end does not reach.
                h2OnDisk = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                        && !url.startsWith("jdbc:h2:ssl:");
            } catch (SQLException e) {
                throw new StateException("the state database cannot be used: " + e.getMessage(), e);
            }
        }
        if (h2OnDisk && !handle.isInTransaction()) {
            handle.execute("CHECKPOINT");
        }
    }

    private static StateException failed(JdbiException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new StateException("the state database cannot be used: " + cause.getMessage(), e);
    }
}
