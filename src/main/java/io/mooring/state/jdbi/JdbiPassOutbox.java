package io.mooring.state.jdbi;

import io.mooring.model.PassRecord;
import io.mooring.state.PassOutbox;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link PassOutbox} from a node's embedded store ({@link JdbiStateStore#withOutbox}) into the shared database: a pass is
 * written there with its local id as {@code source_id} and only then leaves the outbox, so that a copy tried again after
 * a lost acknowledgement finds it and writes nothing twice.
 */
public final class JdbiPassOutbox implements PassOutbox {
    /** Passes kept waiting at most: about three days of one tenant's passes every 30 s. */
    public static final int DEFAULT_BOUND = 10_000;
    /** Passes copied by one call at most: the rest the next. */
    private static final int BATCH = 500;

    private final GuardedJdbi local;
    private final GuardedJdbi shared;
    private final int bound;
    private final DataSource sharedSource;
    private boolean migrated;
    private int dropped;

    public JdbiPassOutbox(DataSource local, DataSource shared, int bound) {
        this.local = new GuardedJdbi(StatementText.jdbi(local));
        this.shared = new GuardedJdbi(StatementText.jdbi(shared));
        this.bound = bound;
        this.sharedSource = shared;
    }

    /**
     * The shared database's schema is brought up to date before the first copy (the agent may have started without it).
     * Passes given up while the shared database could not be used are told by the first copy that succeeds.
     */
    @Override
    public synchronized Copied copy() {
        dropped += local.with(this::trim);
        if (!migrated) {
            SchemaMigrator.migrate(sharedSource);
            migrated = true;
        }
        Copied copied = copyWaiting(dropped);
        dropped = 0;
        return copied;
    }

    private Copied copyWaiting(int dropped) {
        List<Long> ids = local.with(h -> h.createQuery("SELECT pass_id FROM pass_outbox ORDER BY pass_id LIMIT :n")
                .bind("n", BATCH).mapTo(Long.class).list());
        int copied = 0;
        for (long id : ids) {
            Optional<PassRecord> pass = local.with(h -> read(h, id));
            if (pass.isPresent()) {
                shared.transaction(h -> insert(h, id, pass.get()));
                copied++;
            }
            // A repeat counted meanwhile (the row's count moved on since it was read) stays listed, to be copied again.
            int repeats = pass.map(PassRecord::repeats).orElse(0);
            local.use(h -> h.createUpdate("DELETE FROM pass_outbox WHERE pass_id = :id AND NOT EXISTS"
                    + " (SELECT 1 FROM passes WHERE id = :id AND repeats <> :repeats)").bind("id", id).bind("repeats", repeats).execute());
        }
        int waiting = local.with(h -> h.createQuery("SELECT COUNT(*) FROM pass_outbox").mapTo(Integer.class).one());
        return new Copied(copied, dropped, waiting);
    }

    /** Gives up the oldest waiting passes beyond the bound; how many. */
    private int trim(Handle handle) {
        int waiting = handle.createQuery("SELECT COUNT(*) FROM pass_outbox").mapTo(Integer.class).one();
        if (waiting <= bound) {
            return 0;
        }
        return handle.createUpdate("DELETE FROM pass_outbox WHERE pass_id < (SELECT MIN(pass_id) FROM"
                + " (SELECT pass_id FROM pass_outbox ORDER BY pass_id DESC LIMIT :bound) newest)").bind("bound", bound).execute();
    }

    /** The local pass with its actions; empty when the node's own pruning took it already. */
    private static Optional<PassRecord> read(Handle handle, long id) {
        Optional<PassRecord> pass = handle.createQuery("SELECT * FROM passes WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> PassRows.pass(rs)).findOne();
        return pass.map(p -> PassRows.withActions(handle, Map.of(id, p)).get(0));
    }

    /**
     * Writes the pass unless it is there already; a pass copied before that has since counted more repeats (nothing to do,
     * again) has its count and last time brought up to date.
     */
    private static void insert(Handle handle, long sourceId, PassRecord pass) {
        int updated = handle.createUpdate("UPDATE passes SET repeats = :repeats, last_finished_at = :last WHERE node = :node"
                        + " AND source_id = :source AND started_at = :started")
                .bind("repeats", pass.repeats()).bind("last", pass.lastFinished().atOffset(ZoneOffset.UTC))
                .bind("node", pass.node()).bind("source", sourceId).bind("started", pass.started().atOffset(ZoneOffset.UTC))
                .execute();
        if (updated == 0) {
            PassRows.insert(handle, pass, sourceId);
        }
    }
}
