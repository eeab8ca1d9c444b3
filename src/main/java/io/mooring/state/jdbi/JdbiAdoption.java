package io.mooring.state.jdbi;

import io.mooring.model.Deployment;
import io.mooring.model.JournalRecord;
import io.mooring.model.PassRecord;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Once, on the start of an agent that kept its own state in the shared database (before a node's own state moved to its
 * embedded store): when the embedded store holds nothing of the node and the shared one holds its deployments or
 * journal, they move to the embedded store, in one transaction there, and only then leave the shared one (where no other
 * node reads them); the newest pass of each tenant and status comes along, so that the node's API and passes know what
 * it last applied. The shared history keeps its passes.
 */
public final class JdbiAdoption {
    private JdbiAdoption() {
    }

    /** What moved: deployments, journal entries, passes; all zero when nothing did. */
    public record Moved(int deployments, int journal, int passes) {
        public boolean any() {
            return deployments + journal + passes > 0;
        }
    }

    /** Whether the node's own store holds anything of it: its deployments, journal or passes. */
    public static boolean holds(DataSource local, String node) {
        return new GuardedJdbi(StatementText.jdbi(local)).with(h -> count(h, "deployments", node) + count(h, "journal", node)
                + count(h, "passes", node)) > 0;
    }

    public static Moved adopt(DataSource shared, DataSource local, String node) {
        GuardedJdbi from = new GuardedJdbi(StatementText.jdbi(shared));
        GuardedJdbi to = new GuardedJdbi(StatementText.jdbi(local));
        if (holds(local, node)) {
            return new Moved(0, 0, 0);
        }
        List<Deployment> deployments = from.with(h -> h.createQuery("SELECT * FROM deployments WHERE node = :node ORDER BY tenant, component")
                .bind("node", node).map((rs, ctx) -> JdbiStateStore.deployment(rs)).list());
        List<JournalRecord> journal = from.with(h -> h.createQuery("SELECT * FROM journal WHERE node = :node ORDER BY tenant, component")
                .bind("node", node).map((rs, ctx) -> JdbiStateStore.journalRecord(rs)).list());
        if (deployments.isEmpty() && journal.isEmpty()) {
            return new Moved(0, 0, 0);
        }
        List<PassRecord> passes = from.with(h -> h.createQuery("SELECT * FROM passes WHERE id IN (SELECT MAX(id) FROM passes"
                        + " WHERE node = :node GROUP BY tenant, status) ORDER BY id")
                .bind("node", node).map((rs, ctx) -> PassRows.pass(rs)).list());
        to.transaction(h -> {
            deployments.forEach(d -> JdbiStateStore.insertDeployment(h, d));
            journal.forEach(e -> JdbiStateStore.insertJournal(h, e));
            passes.forEach(p -> insertPass(h, p));
        });
        from.transaction(h -> {
            h.createUpdate("DELETE FROM deployments WHERE node = :node").bind("node", node).execute();
            h.createUpdate("DELETE FROM journal WHERE node = :node").bind("node", node).execute();
        });
        return new Moved(deployments.size(), journal.size(), passes.size());
    }

    private static int count(Handle handle, String table, String node) {
        return handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE node = :node").bind("node", node).mapTo(Integer.class).one();
    }

    /** A pass of the shared history, in the node's own without its actions (the shared history keeps them), not to be copied back. */
    private static void insertPass(Handle handle, PassRecord pass) {
        handle.createUpdate("INSERT INTO passes (tenant, node, revision, status, message, started_at, finished_at)"
                        + " VALUES (:tenant, :node, :revision, :status, :message, :started, :finished)")
                .bind("tenant", pass.tenant()).bind("node", pass.node()).bind("revision", pass.revision())
                .bind("status", pass.status().name()).bind("message", StoredText.capped(pass.message()))
                .bind("started", pass.started().atOffset(ZoneOffset.UTC)).bind("finished", pass.finished().atOffset(ZoneOffset.UTC))
                .execute();
    }
}
