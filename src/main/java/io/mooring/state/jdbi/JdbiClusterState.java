package io.mooring.state.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.model.ClusterStatus;
import io.mooring.model.NodeReport;
import io.mooring.state.ClusterState;
import io.mooring.state.StateException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ClusterState} in the state database: one row a node in {@code cluster_nodes}, its tenants as a JSON document (small
 * and written whole, so that a heartbeat is one idempotent statement); the leader read from {@code cluster_leases}.
 */
public final class JdbiClusterState implements ClusterState {
    /** The lease the leader of singleton jobs holds. */
    static final String SINGLETON = "singleton";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final GuardedJdbi db;
    /** Per node, what this process last wrote to its row (its columns and document); a row forgotten since is written whole. */
    private final java.util.Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();

    /** The cluster's state on a data source whose schema is first brought up to date. */
    public static JdbiClusterState migrated(javax.sql.DataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        return new JdbiClusterState(Jdbi.create(dataSource));
    }

    /** The cluster's state on a data source whose schema is up to date already. */
    public static JdbiClusterState on(javax.sql.DataSource dataSource) {
        return new JdbiClusterState(Jdbi.create(dataSource));
    }

    public JdbiClusterState(Jdbi jdbi) {
        this.db = new GuardedJdbi(jdbi);
    }

    /** The document a heartbeat stores besides its columns: what the size of a heartbeat is. */
    public static String payload(NodeReport report) {
        try {
            return JSON.writeValueAsString(new Payload(report.inventoryNodes(), report.tenants()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a node report cannot be written as JSON", e);
        }
    }

    @Override
    public void heartbeat(NodeReport report) {
        try {
            write(report);
        } catch (RuntimeException e) {
            // Whatever the database kept of a beat that failed, the next one writes the whole row.
            written.remove(report.node());
            throw e;
        }
    }

    private void write(NodeReport report) {
        String payload = payload(report);
        String row = report.version() + "\n" + report.address() + "\n" + report.started() + "\n" + report.interval() + "\n" + payload;
        // Most beats report what the last one did: then only the time is written, a few dozen bytes instead of the document.
        if (row.equals(written.get(report.node())) && db.with(handle -> handle.createUpdate(
                "UPDATE cluster_nodes SET last_seen = CURRENT_TIMESTAMP WHERE node = :node").bind("node", report.node()).execute()) == 1) {
            return;
        }
        written.remove(report.node());
        // An update first, an insert when the node has no row yet: the same statements on H2 and PostgreSQL, and only this
        // node's agent writes its row.
        db.use(handle -> {
            int updated = bindRow(handle.createUpdate("UPDATE cluster_nodes SET version = :version, address = :address,"
                    + " started_at = :started, last_seen = CURRENT_TIMESTAMP, interval_ms = :interval, report = :report WHERE node = :node"),
                    report, payload).execute();
            if (updated == 0) {
                bindRow(handle.createUpdate("INSERT INTO cluster_nodes (node, version, address, started_at, last_seen, interval_ms, report)"
                        + " VALUES (:node, :version, :address, :started, CURRENT_TIMESTAMP, :interval, :report)"), report, payload).execute();
            }
        });
        written.put(report.node(), row);
    }

    private static org.jdbi.v3.core.statement.Update bindRow(org.jdbi.v3.core.statement.Update update, NodeReport report, String payload) {
        return update.bind("node", report.node()).bind("version", report.version()).bind("address", report.address())
                .bind("started", report.started().atOffset(ZoneOffset.UTC)).bind("interval", report.interval().toMillis())
                .bind("report", payload);
    }

    /** Reads only: a database without Mooring's tables is said so, not given them. */
    @Override
    public Snapshot read() {
        try {
            return db.with(handle -> {
                Instant now = handle.createQuery("SELECT CURRENT_TIMESTAMP").mapTo(OffsetDateTime.class).one().toInstant();
                List<NodeReport> nodes = handle.createQuery("SELECT * FROM cluster_nodes ORDER BY node").map((rs, ctx) -> node(rs)).list();
                return new Snapshot(nodes, leader(handle), now);
            });
        } catch (StateException e) {
            if (SqlStates.missingTable(e)) {
                throw new StateException("the state database holds no cluster state (no table cluster_nodes): no agent of this"
                        + " version has started on it yet; start one, which creates its tables", e);
            }
            throw e;
        }
    }

    private static Optional<String> leader(Handle handle) {
        return handle.createQuery("SELECT holder FROM cluster_leases WHERE name = :name AND expires_at > CURRENT_TIMESTAMP")
                .bind("name", SINGLETON).mapTo(String.class).findOne();
    }

    @Override
    public boolean forget(String node) {
        int[] removed = new int[1];
        db.transaction(handle -> {
            removed[0] += handle.createUpdate("DELETE FROM cluster_nodes WHERE node = :node").bind("node", node).execute();
            // A lease is ended, not deleted: its row keeps its epoch, so that the next leader's fencing token is still higher.
            for (String holder : handle.createQuery("SELECT holder FROM cluster_leases WHERE expires_at > CURRENT_TIMESTAMP")
                    .mapTo(String.class).list()) {
                if (ClusterStatus.holds(holder, node)) {
                    removed[0] += handle.createUpdate("UPDATE cluster_leases SET expires_at = CURRENT_TIMESTAMP WHERE holder = :holder"
                            + " AND expires_at > CURRENT_TIMESTAMP").bind("holder", holder).execute();
                }
            }
        });
        return removed[0] > 0;
    }

    private static NodeReport node(ResultSet rs) throws SQLException {
        String node = rs.getString("node");
        Payload payload;
        try {
            payload = JSON.readValue(rs.getString("report"), Payload.class);
        } catch (JsonProcessingException e) {
            throw new StateException("the heartbeat of node " + node + " in cluster_nodes cannot be read (" + e.getOriginalMessage()
                    + "); `mooring node remove " + node + "` forgets it, and its agent writes it again", e);
        }
        return new NodeReport(node, rs.getString("version"), rs.getString("address"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getObject("last_seen", OffsetDateTime.class).toInstant(),
                Duration.ofMillis(rs.getLong("interval_ms")), payload.inventoryNodes(), payload.tenants());
    }

    /** The part of a heartbeat kept as one JSON document. */
    record Payload(List<String> inventoryNodes, List<NodeReport.Tenant> tenants) {
    }
}
