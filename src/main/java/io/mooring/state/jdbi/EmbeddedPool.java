package io.mooring.state.jdbi;

import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The command line's pool on an embedded (H2) state database: H2's own, opening a connection when one is asked for,
 * instead of the agent's pool, whose start opens ten, checks each one it lends and makes a proxy class for each kind of
 * JDBC object (some 50 ms of CPU of every command that opens the store). Closing it closes the database.
 */
public final class EmbeddedPool implements AutoCloseable {
    private final JdbcConnectionPool pool;

    /** Whether a database of these settings is one this pool serves: H2, with no driver properties of its own. */
    public static boolean serves(String url, Map<String, String> properties) {
        return url != null && url.startsWith("jdbc:h2:") && properties.isEmpty();
    }

    /**
     * The database is not compacted when the command closes it (MAX_COMPACT_TIME=0; H2 spends up to 200 ms on it by
     * default, 15-65 ms of a no-op apply): the agent's closes and H2's background writer compact it, and what a
     * command frees is reused by the next writes meanwhile.
     */
    public EmbeddedPool(String url, String user, String password) {
        this.pool = JdbcConnectionPool.create(url.contains(";MAX_COMPACT_TIME=") ? url : url + ";MAX_COMPACT_TIME=0", user,
                password == null ? "" : password);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
