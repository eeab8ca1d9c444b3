package io.mooring.state.jdbi;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The rows of {@code passes} and {@code pass_actions}, in a node's own database and in the shared history alike: a pass
 * written with its actions, read back, and a pass that had nothing to do folded into the row of the same before it.
 */
final class PassRows {
    private PassRows() {
    }

    /** Writes the pass and its actions; {@code sourceId}, when not null, is its id in the node's own database. */
    static long insert(Handle handle, PassRecord pass, Long sourceId) {
        long id = handle.createUpdate("INSERT INTO passes (tenant, node, revision, status, message, started_at, finished_at, repeats,"
                        + " last_finished_at, source_id) VALUES (:tenant, :node, :revision, :status, :message, :started, :finished,"
                        + " :repeats, :last, :source)")
                .bind("tenant", pass.tenant()).bind("node", pass.node()).bind("revision", pass.revision())
                .bind("status", pass.status().name()).bind("message", StoredText.capped(pass.message()))
                .bind("started", pass.started().atOffset(ZoneOffset.UTC)).bind("finished", pass.finished().atOffset(ZoneOffset.UTC))
                .bind("repeats", pass.repeats()).bind("last", pass.lastFinished().atOffset(ZoneOffset.UTC))
                .bind("source", sourceId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        insertActions(handle, id, pass.actions());
        return id;
    }

    /**
     * When the tenant's newest pass on the node had nothing to do and {@code pass} repeats it, that row counts it (one more
     * repeat, its last time) and its id is returned; otherwise nothing is written.
     */
    static Optional<Long> repeat(Handle handle, PassRecord pass) {
        if (!pass.nothingDone()) {
            return Optional.empty();
        }
        Optional<Map.Entry<Long, PassRecord>> newest = handle.createQuery("SELECT * FROM passes WHERE tenant = :tenant AND node = :node"
                        + " ORDER BY id DESC LIMIT 1")
                .bind("tenant", pass.tenant()).bind("node", pass.node())
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), pass(rs))).findOne();
        if (newest.isEmpty() || !newest.get().getValue().nothingDone()) {
            return Optional.empty();
        }
        long id = newest.get().getKey();
        PassRecord last = withActions(handle, Map.of(id, newest.get().getValue())).get(0);
        if (!last.repeatedBy(pass)) {
            return Optional.empty();
        }
        handle.createUpdate("UPDATE passes SET repeats = repeats + 1, last_finished_at = :last WHERE id = :id")
                .bind("last", pass.lastFinished().atOffset(ZoneOffset.UTC)).bind("id", id).execute();
        return Optional.of(id);
    }

    static void insertActions(Handle handle, long passId, List<ActionRecord> actions) {
        var batch = handle.prepareBatch("INSERT INTO pass_actions (pass_id, position, component, verb, reason, outcome, message)"
                + " VALUES (:pass, :position, :component, :verb, :reason, :outcome, :message)");
        for (int i = 0; i < actions.size(); i++) {
            ActionRecord a = actions.get(i);
            batch.bind("pass", passId).bind("position", i).bind("component", a.component()).bind("verb", a.verb().word())
                    .bind("reason", StoredText.capped(a.reason())).bind("outcome", a.outcome().name())
                    .bind("message", StoredText.capped(a.message())).add();
        }
        if (!actions.isEmpty()) {
            batch.execute();
        }
    }

    /** The passes (by id, in their order) with their actions. */
    static List<PassRecord> withActions(Handle handle, Map<Long, PassRecord> passes) {
        Map<Long, List<ActionRecord>> actions = new LinkedHashMap<>();
        handle.createQuery("SELECT * FROM pass_actions WHERE pass_id IN (<ids>) ORDER BY pass_id, position")
                .bindList("ids", new ArrayList<>(passes.keySet()))
                .map((rs, ctx) -> Map.entry(rs.getLong("pass_id"), new ActionRecord(rs.getString("component"),
                        ActionVerb.of(rs.getString("verb")), rs.getString("reason"), ActionOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("message"))))
                .forEach(e -> actions.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<PassRecord> result = new ArrayList<>();
        passes.forEach((id, p) -> result.add(p.withActions(actions.getOrDefault(id, List.of()))));
        return result;
    }

    /** A row of {@code passes}, without its actions; a row written before repeats were counted is one pass. */
    static PassRecord pass(ResultSet rs) throws SQLException {
        boolean counted = hasColumn(rs.getMetaData(), "repeats");
        OffsetDateTime last = counted ? rs.getObject("last_finished_at", OffsetDateTime.class) : null;
        return new PassRecord(rs.getString("tenant"), rs.getString("node"), rs.getString("revision"),
                PassStatus.valueOf(rs.getString("status")), rs.getString("message"), List.of(),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("finished_at", OffsetDateTime.class).toInstant(), counted ? rs.getInt("repeats") : 1,
                last == null ? null : last.toInstant());
    }

    private static boolean hasColumn(ResultSetMetaData meta, String name) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
