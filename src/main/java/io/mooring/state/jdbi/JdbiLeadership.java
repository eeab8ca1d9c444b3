package io.mooring.state.jdbi;

import io.mooring.state.Leadership;
import io.mooring.state.StateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link Leadership} in the shared state database, on a connection of its own (never one of the pool's: a session
 * advisory lock lives as long as the connection that took it, and a pool hands connections around).
 * <p>How the two pieces combine:
 * <ul>
 * <li>The lease row ({@code cluster_leases}, name {@code singleton}) is the authority: a node leads under epoch E
 * while the row says holder = it, epoch = E and it has not expired by the database's clock. Renewing is a
 * conditional UPDATE on exactly that; taking over is a conditional UPDATE on the epoch last seen, which it raises by
 * one, so that of several contenders one wins and every older term is fenced.</li>
 * <li>The advisory lock ({@code pg_try_advisory_lock}) is the fast path: its holder is next in line and takes the
 * lease as soon as it has expired. A leader that dies (kill -9, a lost connection) frees the lock with its session,
 * so another node leads within one lease.</li>
 * <li>A paused leader (SIGSTOP, a long GC) or one whose host vanished without closing its socket keeps the lock
 * but stops renewing. So a node without the lock may take the lease too, but only once it has been expired for a
 * further lease: slower, never stuck, and safe, since the resumed ex-leader's renewal and commits are conditional
 * on an epoch that is gone.</li>
 * </ul>
 * On H2 (one node, the embedded store) there is no lock to take: the agent is its own next in line and leads
 * itself, epoch 1 on a new database.
 */
public final class JdbiLeadership implements Leadership {
    /** The advisory lock's key: "MOORING" with the lease's number, so that it is nobody else's by accident. */
    static final long LOCK_KEY = 0x4d4f4f52494e4701L;
    private static final String CURRENT = "name = :name AND holder = :me AND epoch = :epoch AND expires_at > CURRENT_TIMESTAMP";
    private static final String LATER = "CURRENT_TIMESTAMP + CAST(:ms AS BIGINT) * INTERVAL '0.001' SECOND";

    /** How the dedicated connection is opened: again after it broke. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final String me;
    private final boolean advisoryLock;
    private Handle handle;
    private boolean locked;

    public JdbiLeadership(Opener opener, String node, boolean advisoryLock) {
        this.opener = opener;
        this.me = node;
        this.advisoryLock = advisoryLock;
    }

    /** For a JDBC URL: PostgreSQL takes the advisory lock; anything else (H2) is a single node and leads itself. */
    public static JdbiLeadership of(String url, String user, String password, Properties properties, String node) {
        Properties connection = new Properties();
        connection.putAll(properties);
        connection.setProperty("user", user == null ? "" : user);
        connection.setProperty("password", password == null ? "" : password);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres) {
            // A session whose host vanished is found out by TCP keepalive; until then its lock waits on the slow path.
            connection.putIfAbsent("tcpKeepAlive", "true");
            // A server that stops answering fails a round within these (seconds), not never: the term runs out on its deadline
            // meanwhile, and stopping the agent waits for no more than them.
            connection.putIfAbsent("connectTimeout", "5");
            connection.putIfAbsent("socketTimeout", "15");
        }
        return new JdbiLeadership(() -> DriverManager.getConnection(url, connection), node, postgres);
    }

    @Override
    public synchronized Optional<Term> tryLead(Optional<Term> held, Duration lease) {
        return guarded(handle -> {
            if (held.isPresent() && renew(handle, held.get(), lease)) {
                lock(handle);
                return held;
            }
            boolean next = lock(handle);
            Optional<Lease> now = LeaseRows.read(handle, SINGLETON);
            if (now.isEmpty()) {
                return next && LeaseRows.insert(handle, SINGLETON, me, lease) ? Optional.of(new Term(me, 1)) : Optional.empty();
            }
            return takeOver(handle, now.get().epoch(), lease, next);
        });
    }

    private boolean renew(Handle handle, Term term, Duration lease) {
        return handle.createUpdate("UPDATE cluster_leases SET renewed_at = CURRENT_TIMESTAMP, expires_at = " + LATER + " WHERE " + CURRENT)
                .bind("ms", lease.toMillis()).bind("name", SINGLETON).bind("me", term.holder()).bind("epoch", term.epoch())
                .execute() == 1;
    }

    /**
     * Raises the epoch when the lease ran out (with the lock), ran out a further lease ago (without it), or is this
     * node's own from before a restart (with the lock: that process is gone); conditional on the epoch last seen.
     */
    private Optional<Term> takeOver(Handle handle, long seen, Duration lease, boolean next) {
        String may = next ? "(expires_at <= CURRENT_TIMESTAMP OR holder = :me)"
                : "expires_at + CAST(:grace AS BIGINT) * INTERVAL '0.001' SECOND <= CURRENT_TIMESTAMP";
        int taken = handle.createUpdate("UPDATE cluster_leases SET holder = :me, epoch = epoch + 1, renewed_at = CURRENT_TIMESTAMP,"
                        + " expires_at = " + LATER + " WHERE name = :name AND epoch = :seen AND " + may)
                .bind("me", me).bind("ms", lease.toMillis()).bind("grace", lease.toMillis()).bind("name", SINGLETON)
                .bind("seen", seen).execute();
        return taken == 1 ? Optional.of(new Term(me, seen + 1)) : Optional.empty();
    }

    /** Whether this session holds the advisory lock, taking it when free. */
    private boolean lock(Handle handle) {
        if (!advisoryLock) {
            return true;
        }
        if (!locked) {
            locked = handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
        }
        return locked;
    }

    @Override
    public synchronized void resign(Term term) {
        guarded(handle -> {
            handle.createUpdate("UPDATE cluster_leases SET expires_at = CURRENT_TIMESTAMP WHERE " + CURRENT)
                    .bind("name", SINGLETON).bind("me", term.holder()).bind("epoch", term.epoch()).execute();
            if (locked) {
                handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
                locked = false;
            }
            return null;
        });
    }

    @Override
    public synchronized Optional<Lease> lease() {
        return guarded(handle -> LeaseRows.read(handle, SINGLETON));
    }

    @Override
    public synchronized void close() {
        if (handle != null) {
            handle.close();
            handle = null;
            locked = false;
        }
    }

    private interface Work<T> {
        T on(Handle handle);
    }

    /** Runs on the dedicated connection, opened again when it broke (the lock went with it); a failure closes it. */
    private <T> T guarded(Work<T> work) {
        try {
            if (handle == null || !handle.getConnection().isValid(5)) {
                close();
                handle = Jdbi.open(opener.open());
            }
            return work.on(handle);
        } catch (SQLException | JdbiException e) {
            close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StateException("the leader election cannot use the state database (node " + me + "): " + cause.getMessage()
                    + "; this node does not lead until it can, and tries again", e);
        }
    }

    static OffsetDateTime at(java.sql.ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }
}
