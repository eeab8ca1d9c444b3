package io.mooring.state.jdbi;

import io.mooring.state.Leadership;
import io.mooring.state.SingletonRuns;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link SingletonRuns} in {@code singleton_runs}, one row per job and slot. Each statement carries the lease
 * condition itself (not a read, then a write), so that between the check and the write no other node can take over.
 * A slot left {@code running} by an older epoch (its leader died or was paused, or was fenced and wrote nothing) is
 * taken over by the newer one, and so is one left {@code running} under this very term by this node (the scheduler
 * runs a job's slots one at a time, so such a row was abandoned: a restart, or a database error mid-run); a slot
 * {@code committing} is not: its manifest may be written, and one backup too few is better than two. A failure is
 * recorded only while the term still holds the lease, so that a fenced ex-leader cannot close a slot nobody then runs.
 */
public final class JdbiSingletonRuns implements SingletonRuns {
    private static final int MAX_MESSAGE = 2000;
    private static final String LEASE_HELD = "EXISTS (SELECT 1 FROM cluster_leases WHERE name = '" + Leadership.SINGLETON
            + "' AND holder = :me AND epoch = :epoch AND expires_at > CURRENT_TIMESTAMP)";

    private final GuardedJdbi db;

    public JdbiSingletonRuns(Jdbi jdbi) {
        this.db = new GuardedJdbi(jdbi);
    }

    private JdbiSingletonRuns(GuardedJdbi db) {
        this.db = db;
    }

    /** On the state database's pool (its schema brought up to date by the store first). */
    public static JdbiSingletonRuns on(javax.sql.DataSource dataSource) {
        return new JdbiSingletonRuns(GuardedJdbi.on(dataSource));
    }

    @Override
    public Claim claim(String job, Instant slot, Leadership.Term term) {
        return db.with(handle -> {
            if (insert(handle, job, slot, term) || takeOver(handle, job, slot, term)) {
                return Claim.CLAIMED;
            }
            boolean leads = handle.createQuery("SELECT COUNT(*) FROM cluster_leases WHERE name = '" + Leadership.SINGLETON
                            + "' AND holder = :me AND epoch = :epoch AND expires_at > CURRENT_TIMESTAMP")
                    .bind("me", term.holder()).bind("epoch", term.epoch()).mapTo(Integer.class).one() == 1;
            return leads ? Claim.TAKEN : Claim.FENCED;
        });
    }

    private static boolean insert(Handle handle, String job, Instant slot, Leadership.Term term) {
        try {
            return handle.createUpdate("INSERT INTO singleton_runs (job, slot, epoch, holder, state, started_at)"
                            + " SELECT :job, :slot, :epoch, :me, 'running', CURRENT_TIMESTAMP FROM cluster_leases"
                            + " WHERE name = '" + Leadership.SINGLETON + "' AND holder = :me AND epoch = :epoch"
                            + " AND expires_at > CURRENT_TIMESTAMP"
                            + " AND NOT EXISTS (SELECT 1 FROM singleton_runs WHERE job = :job AND slot = :slot)")
                    .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", term.epoch()).bind("me", term.holder())
                    .execute() == 1;
        } catch (JdbiException e) {
            if (SqlStates.duplicate(e)) {
                return false; // another term inserted it between the check and the write
            }
            throw e;
        }
    }

    private static boolean takeOver(Handle handle, String job, Instant slot, Leadership.Term term) {
        return handle.createUpdate("UPDATE singleton_runs SET epoch = :epoch, holder = :me, started_at = CURRENT_TIMESTAMP,"
                        + " message = NULL WHERE job = :job AND slot = :slot AND state = 'running'"
                        + " AND (epoch < :epoch OR (epoch = :epoch AND holder = :me)) AND " + LEASE_HELD)
                .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", term.epoch()).bind("me", term.holder())
                .execute() == 1;
    }

    @Override
    public boolean mayCommit(String job, Instant slot, Leadership.Term term) {
        return db.with(handle -> handle.createUpdate("UPDATE singleton_runs SET state = 'committing' WHERE job = :job AND slot = :slot"
                        + " AND epoch = :epoch AND holder = :me AND state = 'running' AND " + LEASE_HELD)
                .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", term.epoch()).bind("me", term.holder())
                .execute() == 1);
    }

    @Override
    public boolean finished(String job, Instant slot, Leadership.Term term, boolean done, String message) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        return db.with(handle -> handle.createUpdate("UPDATE singleton_runs SET state = :state, message = :message,"
                        + " finished_at = CURRENT_TIMESTAMP WHERE job = :job AND slot = :slot AND epoch = :epoch AND holder = :me"
                        + (done ? " AND state = 'committing'" : " AND state IN ('running', 'committing') AND " + LEASE_HELD))
                .bind("state", done ? "done" : "failed").bind("message", text)
                .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", term.epoch()).bind("me", term.holder())
                .execute() == 1);
    }

    @Override
    public Claim claimAsNode(String job, Instant slot, String node) {
        return db.with(handle -> {
            try {
                if (handle.createUpdate("INSERT INTO singleton_runs (job, slot, epoch, holder, state, started_at)"
                                + " SELECT :job, :slot, :epoch, :me, 'running', CURRENT_TIMESTAMP"
                                + " WHERE NOT EXISTS (SELECT 1 FROM singleton_runs WHERE job = :job AND slot = :slot)")
                        .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", NODE_EPOCH).bind("me", node)
                        .execute() == 1) {
                    return Claim.CLAIMED;
                }
            } catch (JdbiException e) {
                if (!SqlStates.duplicate(e)) {
                    throw e;
                }
            }
            return handle.createUpdate("UPDATE singleton_runs SET started_at = CURRENT_TIMESTAMP, message = NULL WHERE job = :job"
                            + " AND slot = :slot AND state = 'running' AND epoch = :epoch AND holder = :me")
                    .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", NODE_EPOCH).bind("me", node)
                    .execute() == 1 ? Claim.CLAIMED : Claim.TAKEN;
        });
    }

    @Override
    public boolean mayCommitAsNode(String job, Instant slot, String node) {
        return db.with(handle -> handle.createUpdate("UPDATE singleton_runs SET state = 'committing' WHERE job = :job AND slot = :slot"
                        + " AND epoch = :epoch AND holder = :me AND state = 'running'")
                .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", NODE_EPOCH).bind("me", node).execute() == 1);
    }

    @Override
    public boolean finishedAsNode(String job, Instant slot, String node, boolean done, String message) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        return db.with(handle -> handle.createUpdate("UPDATE singleton_runs SET state = :state, message = :message,"
                        + " finished_at = CURRENT_TIMESTAMP WHERE job = :job AND slot = :slot AND epoch = :epoch AND holder = :me"
                        + (done ? " AND state = 'committing'" : " AND state IN ('running', 'committing')"))
                .bind("state", done ? "done" : "failed").bind("message", text)
                .bind("job", job).bind("slot", slot.atOffset(ZoneOffset.UTC)).bind("epoch", NODE_EPOCH).bind("me", node).execute() == 1);
    }

    @Override
    public int forget(Instant before) {
        return db.with(handle -> handle.createUpdate("DELETE FROM singleton_runs WHERE started_at < :before")
                .bind("before", before.atOffset(ZoneOffset.UTC)).execute());
    }
}
