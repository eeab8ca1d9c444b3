package io.mooring.state.jdbi;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.Deployment;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.StoredCertificate;
import io.mooring.state.StateStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link StateStore} in a relational database (H2 embedded, or PostgreSQL) whose schema Liquibase keeps. */
public final class JdbiStateStore implements StateStore {
    /** Passes kept per tenant and node: at one pass every 30 s, about a week and a half of history. */
    public static final int DEFAULT_KEEP = 30_000;

    private final GuardedJdbi db;
    private final int keep;
    private final int pruneEvery;
    private final Map<String, Integer> recordedSinceStart = new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean outbox;

    /** A state store on a data source whose schema is first brought up to date. */
    public static JdbiStateStore migrated(javax.sql.DataSource dataSource) {
        return new JdbiStateStore(migratedJdbi(dataSource));
    }

    /** JDBI on a data source whose schema is brought up to date meanwhile. */
    private static Jdbi migratedJdbi(javax.sql.DataSource dataSource) {
        return StatementText.jdbiBeside(dataSource, () -> SchemaMigrator.migrate(dataSource));
    }

    /** A state store on a data source whose schema someone else keeps (the shared database's, read for its history). */
    public static JdbiStateStore on(javax.sql.DataSource dataSource) {
        return new JdbiStateStore(StatementText.jdbi(dataSource));
    }

    /**
     * A cluster node's own store (its embedded database, migrated first): each pass it records is also listed in its
     * outbox, for {@link JdbiPassOutbox} to copy into the cluster's shared history.
     */
    public static JdbiStateStore withOutbox(javax.sql.DataSource dataSource) {
        return new JdbiStateStore(migratedJdbi(dataSource), DEFAULT_KEEP, true);
    }

    public JdbiStateStore(Jdbi jdbi) {
        this(jdbi, DEFAULT_KEEP);
    }

    public JdbiStateStore(Jdbi jdbi, int keep) {
        this(jdbi, keep, false);
    }

    private JdbiStateStore(Jdbi jdbi, int keep, boolean outbox) {
        this.db = new GuardedJdbi(jdbi);
        this.outbox = outbox;
        this.keep = keep;
        this.pruneEvery = Math.max(1, Math.min(100, keep));
    }

    /** Writes the pass, or, when it repeats the tenant's newest pass that had nothing to do, counts it in that row. */
    @Override
    public void record(PassRecord pass) {
        db.transaction(handle -> {
            Optional<Long> repeated = PassRows.repeat(handle, pass);
            long id = repeated.isPresent() ? repeated.get() : PassRows.insert(handle, pass, null);
            if (outbox) {
                // A counted repeat is copied again, so that the shared history counts it too.
                handle.createUpdate("INSERT INTO pass_outbox (pass_id) SELECT :id WHERE NOT EXISTS"
                        + " (SELECT 1 FROM pass_outbox WHERE pass_id = :id)").bind("id", id).execute();
            }
            if (repeated.isEmpty()
                    && recordedSinceStart.merge(pass.tenant() + "\n" + pass.node(), 1, Integer::sum) % pruneEvery == 1 % pruneEvery) {
                prune(handle, pass.tenant(), pass.node());
            }
        });
    }

    /**
     * Keeps the newest {@code keep} passes of the tenant on the node, their actions with them; other nodes
     * sharing the database keep theirs. It runs on a tenant's first pass on a node after start and every
     * {@code pruneEvery} passes after: enough to bound the table.
     */
    private void prune(Handle handle, String tenant, String node) {
        Long oldestKept = handle.createQuery("SELECT MIN(id) FROM (SELECT id FROM passes WHERE tenant = :tenant AND node = :node"
                        + " ORDER BY id DESC LIMIT :keep) newest")
                .bind("tenant", tenant).bind("node", node).bind("keep", keep).mapTo(Long.class).one();
        if (oldestKept != null) {
            handle.createUpdate("DELETE FROM pass_actions WHERE pass_id IN (SELECT id FROM passes WHERE tenant = :tenant AND node = :node"
                            + " AND id < :oldest)")
                    .bind("tenant", tenant).bind("node", node).bind("oldest", oldestKept).execute();
            handle.createUpdate("DELETE FROM passes WHERE tenant = :tenant AND node = :node AND id < :oldest")
                    .bind("tenant", tenant).bind("node", node).bind("oldest", oldestKept).execute();
        }
    }

    @Override
    public Optional<PassRecord> last(String tenant, String node) {
        return db.read(handle -> handle.createQuery("SELECT * FROM passes WHERE tenant = :tenant AND node = :node"
                        + " ORDER BY id DESC LIMIT 1")
                .bind("tenant", tenant).bind("node", node)
                .map((rs, ctx) -> PassRows.pass(rs)).findOne());
    }

    @Override
    public Optional<PassRecord> last(String tenant, String node, Set<PassStatus> statuses) {
        return db.read(handle -> handle.createQuery("SELECT * FROM passes WHERE tenant = :tenant AND node = :node"
                        + " AND status IN (<statuses>) ORDER BY id DESC LIMIT 1")
                .bind("tenant", tenant).bind("node", node).bindList("statuses", statuses.stream().map(PassStatus::name).toList())
                .map((rs, ctx) -> PassRows.pass(rs)).findOne());
    }

    @Override
    public List<String> tenants(String node) {
        return db.read(handle -> handle.createQuery("SELECT DISTINCT tenant FROM passes WHERE node = :node ORDER BY tenant")
                .bind("node", node).mapTo(String.class).list());
    }

    @Override
    public List<PassRecord> recent(String tenant, int limit) {
        return db.read(handle -> {
            Map<Long, PassRecord> passes = new LinkedHashMap<>();
            handle.createQuery("SELECT * FROM passes WHERE (:tenant IS NULL OR tenant = :tenant) ORDER BY id DESC LIMIT :limit")
                    .bind("tenant", tenant).bind("limit", limit)
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), PassRows.pass(rs)))
                    .forEach(e -> passes.put(e.getKey(), e.getValue()));
            if (passes.isEmpty()) {
                return List.of();
            }
            return PassRows.withActions(handle, passes);
        });
    }

    @Override
    public void journal(JournalRecord e) {
        db.transaction(handle -> {
            handle.createUpdate("DELETE FROM journal WHERE tenant = :tenant AND node = :node AND component = :component")
                    .bind("tenant", e.tenant()).bind("node", e.node()).bind("component", e.component()).execute();
            insertJournal(handle, e);
        });
    }

    static void insertJournal(Handle handle, JournalRecord e) {
        handle.createUpdate("INSERT INTO journal (tenant, node, component, container_name, step, new_ref, old_id, revision, noted_at)"
                        + " VALUES (:tenant, :node, :component, :name, :step, :newRef, :oldId, :revision, :at)")
                .bind("tenant", e.tenant()).bind("node", e.node()).bind("component", e.component())
                .bind("name", e.containerName()).bind("step", e.storedStep()).bind("newRef", e.newRef()).bind("oldId", e.oldId())
                .bind("revision", e.revision()).bind("at", e.at().atOffset(ZoneOffset.UTC)).execute();
    }

    @Override
    public void clearJournal(String tenant, String node, String component) {
        db.use(handle -> handle.createUpdate("DELETE FROM journal WHERE tenant = :tenant AND node = :node AND component = :component")
                .bind("tenant", tenant).bind("node", node).bind("component", component).execute());
    }

    @Override
    public List<JournalRecord> journal(String tenant, String node) {
        return db.read(handle -> handle.createQuery("SELECT * FROM journal WHERE tenant = :tenant AND node = :node ORDER BY component")
                .bind("tenant", tenant).bind("node", node)
                .map((rs, ctx) -> journalRecord(rs))
                .list());
    }

    @Override
    public void deployed(Deployment d) {
        db.transaction(handle -> {
            undeployed(handle, d.tenant(), d.node(), d.component());
            insertDeployment(handle, d);
        });
    }

    static void insertDeployment(Handle handle, Deployment d) {
        handle.createUpdate("INSERT INTO deployments (tenant, node, component, container_id, image, digest, spec_hash, revision, deployed_at)"
                        + " VALUES (:tenant, :node, :component, :id, :image, :digest, :hash, :revision, :at)")
                .bind("tenant", d.tenant()).bind("node", d.node()).bind("component", d.component()).bind("id", d.containerId())
                .bind("image", d.image()).bind("digest", d.digest()).bind("hash", d.specHash()).bind("revision", d.revision())
                .bind("at", d.at().atOffset(ZoneOffset.UTC)).execute();
    }

    @Override
    public void undeployed(String tenant, String node, String component) {
        db.use(handle -> undeployed(handle, tenant, node, component));
    }

    private static void undeployed(Handle handle, String tenant, String node, String component) {
        handle.createUpdate("DELETE FROM deployments WHERE tenant = :tenant AND node = :node AND component = :component")
                .bind("tenant", tenant).bind("node", node).bind("component", component).execute();
    }

    @Override
    public Map<String, Deployment> deployments(String tenant, String node) {
        Map<String, Deployment> out = new LinkedHashMap<>();
        db.read(handle -> {
            handle.createQuery("SELECT * FROM deployments WHERE tenant = :tenant AND node = :node ORDER BY component")
                    .bind("tenant", tenant).bind("node", node)
                    .map((rs, ctx) -> deployment(rs))
                    .forEach(d -> out.put(d.component(), d));
            return null;
        });
        return out;
    }

    static Deployment deployment(ResultSet rs) throws SQLException {
        return new Deployment(rs.getString("tenant"), rs.getString("node"), rs.getString("component"),
                rs.getString("container_id"), rs.getString("image"), rs.getString("digest"), rs.getString("spec_hash"),
                rs.getString("revision"), rs.getObject("deployed_at", OffsetDateTime.class).toInstant());
    }

    @Override
    public java.util.Set<String> deployedTenants(String node) {
        return db.read(handle -> handle.createQuery("SELECT DISTINCT tenant FROM deployments WHERE node = :node")
                .bind("node", node).mapTo(String.class).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    @Override
    public Optional<StoredCertificate> certificate(String tenant, String node) {
        return db.read(handle -> handle.createQuery("SELECT * FROM certificates WHERE tenant = :tenant AND node = :node")
                .bind("tenant", tenant).bind("node", node)
                .map((rs, ctx) -> new StoredCertificate(rs.getString("tenant"), rs.getString("node"), rs.getString("source"),
                        rs.getString("names"), rs.getString("fingerprint"), rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                        rs.getObject("renew_at", OffsetDateTime.class).toInstant(), Base64.getDecoder().decode(rs.getString("sealed"))))
                .findOne());
    }

    @Override
    public void keepCertificate(StoredCertificate c) {
        db.transaction(handle -> {
            handle.createUpdate("DELETE FROM certificates WHERE tenant = :tenant AND node = :node")
                    .bind("tenant", c.tenant()).bind("node", c.node()).execute();
            handle.createUpdate("INSERT INTO certificates (tenant, node, source, names, fingerprint, not_after, renew_at, sealed)"
                            + " VALUES (:tenant, :node, :source, :names, :fingerprint, :notAfter, :renewAt, :sealed)")
                    .bind("tenant", c.tenant()).bind("node", c.node()).bind("source", c.source()).bind("names", c.names())
                    .bind("fingerprint", c.fingerprint()).bind("notAfter", c.notAfter().atOffset(ZoneOffset.UTC))
                    .bind("renewAt", c.renewAt().atOffset(ZoneOffset.UTC)).bind("sealed", Base64.getEncoder().encodeToString(c.sealed()))
                    .execute();
        });
    }

    static JournalRecord journalRecord(ResultSet rs) throws SQLException {
        String stored = rs.getString("step");
        JournalStep step = JournalStep.of(stored);
        return new JournalRecord(rs.getString("tenant"), rs.getString("node"), rs.getString("component"), rs.getString("container_name"),
                step, step.detailOf(stored), rs.getString("new_ref"), rs.getString("old_id"), rs.getString("revision"),
                rs.getObject("noted_at", OffsetDateTime.class).toInstant());
    }
}
