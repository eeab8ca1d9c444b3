package io.mooring.state.jdbi;

import io.mooring.state.StateException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The store's way into the database: any failure of it (unreachable, locked, a statement refused) is a
 * {@link StateException}, the port's one word for "the state database cannot be used", never JDBI's own; and
 * every string bound is {@link StoredText}, so that no text is refused for what it holds.
 */
final class GuardedJdbi {
    private final Jdbi jdbi;

    GuardedJdbi(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerArgument(new StoredText());
    }

    <T> T with(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw failed(e);
        }
    }

    void use(HandleConsumer<RuntimeException> consumer) {
        try {
            jdbi.useHandle(consumer);
        } catch (JdbiException e) {
            throw failed(e);
        }
    }

    void transaction(HandleConsumer<RuntimeException> consumer) {
        try {
            jdbi.useTransaction(consumer);
        } catch (JdbiException e) {
            throw failed(e);
        }
    }

    private static StateException failed(JdbiException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new StateException("the state database cannot be used: " + cause.getMessage(), e);
    }
}
