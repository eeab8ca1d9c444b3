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
import java.util.Map;
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
    /** Per node, the start time this process wrote to its row, as the database keeps it. */
    private final java.util.Map<String, Instant> stored = new java.util.concurrent.ConcurrentHashMap<>();
    private final DuplicateNodes duplicates = new DuplicateNodes();

    /** The cluster's state on a data source whose schema is first brought up to date. */
    public static JdbiClusterState migrated(javax.sql.DataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        return new JdbiClusterState(StatementText.jdbi(dataSource));
    }

    /** The cluster's state on a data source whose schema is up to date already. */
    public static JdbiClusterState on(javax.sql.DataSource dataSource) {
        return new JdbiClusterState(GuardedJdbi.on(dataSource));
    }

    public JdbiClusterState(Jdbi jdbi) {
        this.db = new GuardedJdbi(jdbi);
    }

    private JdbiClusterState(GuardedJdbi db) {
        this.db = db;
    }

    /** The document a heartbeat stores besides its columns: what the size of a heartbeat is. */
    public static String payload(NodeReport report) {
        return payload(report, null);
    }

    private static String payload(NodeReport report, String duplicate) {
        try {
            return JSON.writeValueAsString(new Payload(report.inventoryNodes(), report.tenants(), duplicate));
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
            stored.remove(report.node());
            throw e;
        }
    }

    private void write(NodeReport report) {
        String node = report.node();
        String payload = payload(report, duplicates.note(node, report.interval()));
        String row = report.version() + "\n" + report.address() + "\n" + report.started() + "\n" + report.interval() + "\n" + payload;
        Instant mine = stored.get(node);
        if (mine != null) {
            // Most beats report what the last one did: then only the time is written, a few dozen bytes instead of the document.
            // Either way only the row this process wrote is touched: another agent's under the same name is noticed.
            boolean same = row.equals(written.get(node));
            String document = payload;
            int updated = db.with(handle -> same
                    ? handle.createUpdate("UPDATE cluster_nodes SET last_seen = CURRENT_TIMESTAMP WHERE node = :node AND started_at = :mine")
                            .bind("node", node).bind("mine", mine.atOffset(ZoneOffset.UTC)).execute()
                    : bindRow(handle.createUpdate("UPDATE cluster_nodes SET version = :version, address = :address, last_seen ="
                            + " CURRENT_TIMESTAMP, interval_ms = :interval, report = :report WHERE node = :node AND started_at = :mine"),
                            report, document).bind("mine", mine.atOffset(ZoneOffset.UTC)).execute());
            if (updated == 1) {
                written.put(node, row);
                return;
            }
            Optional<Map<String, Object>> other = db.with(handle -> handle.createQuery(
                    "SELECT started_at, address FROM cluster_nodes WHERE node = :node").bind("node", node).mapToMap().findOne());
            if (other.isPresent()) {
                duplicates.seen(report, String.valueOf(other.get().get("address")), String.valueOf(other.get().get("started_at")));
                payload = payload(report, duplicates.note(node, report.interval()));
                row = report.version() + "\n" + report.address() + "\n" + report.started() + "\n" + report.interval() + "\n" + payload;
            }
        }
        // The whole row, as this process has it: its first beat, a row forgotten since, or one another agent overwrote.
        written.remove(node);
        String whole = payload;
        db.use(handle -> {
            int updated = bindRow(handle.createUpdate("UPDATE cluster_nodes SET version = :version, address = :address,"
                    + " started_at = :started, last_seen = CURRENT_TIMESTAMP, interval_ms = :interval, report = :report WHERE node = :node"),
                    report, whole).execute();
            if (updated == 0) {
                bindRow(handle.createUpdate("INSERT INTO cluster_nodes (node, version, address, started_at, last_seen, interval_ms, report)"
                        + " VALUES (:node, :version, :address, :started, CURRENT_TIMESTAMP, :interval, :report)"), report, whole).execute();
            }
        });
        // The start time as the database keeps it (its precision), which the next beats match their row by.
        stored.put(node, db.with(handle -> handle.createQuery("SELECT started_at FROM cluster_nodes WHERE node = :node")
                .bind("node", node).mapTo(OffsetDateTime.class).one().toInstant()));
        written.put(node, row);
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

    /**
     * A node's row; one whose document cannot be read is shown with a note (and no tenants) rather than failing the view of
     * the whole cluster.
     */
    private static NodeReport node(ResultSet rs) throws SQLException {
        String node = rs.getString("node");
        Payload payload;
        String note = null;
        try {
            payload = JSON.readValue(String.valueOf(rs.getString("report")), Payload.class);
            if (payload == null) {
                throw new IllegalArgumentException("no document");
            }
            note = payload.duplicate();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            payload = new Payload(List.of(), List.of(), null);
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(e.getMessage());
            note = "its heartbeat's report in cluster_nodes cannot be read (" + (why.length() > 200 ? why.substring(0, 200) + "..." : why)
                    + "): its tenants are not shown; its agent writes it whole again when it restarts or its report changes, or `mooring node remove " + node
                    + "` forgets it";
        }
        return new NodeReport(node, rs.getString("version"), rs.getString("address"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getObject("last_seen", OffsetDateTime.class).toInstant(),
                Duration.ofMillis(rs.getLong("interval_ms")), payload.inventoryNodes() == null ? List.of() : payload.inventoryNodes(),
                payload.tenants() == null ? List.of() : payload.tenants(), note);
    }

    /**
     * The part of a heartbeat kept as one JSON document; {@code duplicate}: set while this node's agent finds another agent
     * reporting under the same name.
     */
    record Payload(List<String> inventoryNodes, List<NodeReport.Tenant> tenants, String duplicate) {
    }
}
