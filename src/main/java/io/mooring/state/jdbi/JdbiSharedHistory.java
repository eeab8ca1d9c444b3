package io.mooring.state.jdbi;

import io.mooring.state.SharedHistory;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link SharedHistory} over {@code passes} and {@code pass_actions}, one tenant and node at a time. */
public final class JdbiSharedHistory implements SharedHistory {
    private final GuardedJdbi db;

    public JdbiSharedHistory(Jdbi jdbi) {
        this.db = new GuardedJdbi(jdbi);
    }

    private JdbiSharedHistory(GuardedJdbi db) {
        this.db = db;
    }

    public static JdbiSharedHistory on(javax.sql.DataSource dataSource) {
        return new JdbiSharedHistory(GuardedJdbi.on(dataSource));
    }

    @Override
    public int prune(int keep) {
        List<Map<String, Object>> over = db.with(handle -> handle.createQuery("SELECT tenant, node FROM passes GROUP BY tenant, node"
                + " HAVING COUNT(*) > :keep").bind("keep", keep).mapToMap().list());
        int removed = 0;
        for (Map<String, Object> pair : over) {
            String tenant = (String) pair.get("tenant");
            String node = (String) pair.get("node");
            removed += db.with(handle -> handle.inTransaction(h -> prune(h, tenant, node, keep)));
        }
        return removed;
    }

    private static int prune(Handle handle, String tenant, String node, int keep) {
        Long oldestKept = handle.createQuery("SELECT MIN(id) FROM (SELECT id FROM passes WHERE tenant = :tenant AND node = :node"
                        + " ORDER BY id DESC LIMIT :keep) newest")
                .bind("tenant", tenant).bind("node", node).bind("keep", keep).mapTo(Long.class).one();
        if (oldestKept == null) {
            return 0;
        }
        handle.createUpdate("DELETE FROM pass_actions WHERE pass_id IN (SELECT id FROM passes WHERE tenant = :tenant AND node = :node"
                        + " AND id < :oldest)")
                .bind("tenant", tenant).bind("node", node).bind("oldest", oldestKept).execute();
        return handle.createUpdate("DELETE FROM passes WHERE tenant = :tenant AND node = :node AND id < :oldest")
                .bind("tenant", tenant).bind("node", node).bind("oldest", oldestKept).execute();
    }
}
