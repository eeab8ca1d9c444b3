package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.NodeReport;
import io.mooring.state.jdbi.JdbiClusterState;
import io.mooring.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Heartbeats and the leader's lease in both databases the agent supports: one row a node, overwritten in place. */
class JdbiClusterStateIT {
    /** The machine's test database; each PostgreSQL case gets a schema of its own there, dropped afterwards. */
    private static final String DATABASE = "test";
    private static final List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void dropSchemas() throws Exception {
        for (String schema : SCHEMAS) {
            TestPostgres.execute(DATABASE, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static DataSource dataSource(String kind) throws Exception {
        if (kind.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestPostgres.execute(DATABASE, "CREATE SCHEMA " + schema);
        SCHEMAS.add(schema);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl("jdbc:postgresql://%s:%d/%s?currentSchema=%s".formatted(TestPostgres.HOST, TestPostgres.PORT, DATABASE, schema));
        pg.setUser(TestPostgres.USER);
        return pg;
    }

    private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);

    private static NodeReport report(String node, String status) {
        Instant started = STARTED;
        return new NodeReport(node, "1.0", node + ".example", started, null, Duration.ofSeconds(10), List.of("node-a", "node-b", "node-c"),
                List.of(new NodeReport.Tenant("acme", List.of("web"), "abc123", status, started.plusSeconds(30),
                        List.of(new NodeReport.Component("web", "web:1", "sha256:aa", "running", "healthy")))));
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aHeartbeatOverwritesTheNodesOneRowAndReadsBackWithTheDatabasesClock(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        ClusterState cluster = JdbiClusterState.migrated(dataSource);

        cluster.heartbeat(report("node-a", "FAILED"));
        cluster.heartbeat(report("node-a", "CONVERGED"));
        cluster.heartbeat(report("node-b", "CONVERGED"));
        ClusterState.Snapshot snapshot = cluster.read();

        assertThat(snapshot.nodes()).extracting(NodeReport::node).containsExactly("node-a", "node-b");
        NodeReport a = snapshot.nodes().get(0);
        assertThat(a.tenants()).isEqualTo(report("node-a", "CONVERGED").tenants());
        assertThat(a.inventoryNodes()).containsExactly("node-a", "node-b", "node-c");
        assertThat(a.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.version()).isEqualTo("1.0");
        assertThat(a.started()).isEqualTo(STARTED);
        assertThat(Duration.between(a.lastSeen(), snapshot.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(snapshot.leader()).isEmpty();

        // The same report again: only the time moves; a forgotten row is written whole by the next beat.
        NodeReport same = report("node-b", "CONVERGED");
        Instant first = snapshot.nodes().get(1).lastSeen();
        Thread.sleep(20);
        cluster.heartbeat(same);
        assertThat(cluster.read().nodes().get(1).lastSeen()).isAfter(first);
        cluster.forget("node-b");
        cluster.heartbeat(same);
        assertThat(cluster.read().nodes()).extracting(NodeReport::node).containsExactly("node-a", "node-b");
        assertThat(cluster.read().nodes().get(1).tenants()).isEqualTo(same.tenants());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theLeaderHoldsAnUnexpiredSingletonLeaseAndAForgottenNodeLosesItsRowAndLeases(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        ClusterState cluster = JdbiClusterState.migrated(dataSource);
        cluster.heartbeat(report("node-a", "CONVERGED"));
        execute(dataSource, "INSERT INTO cluster_leases (name, holder, epoch, renewed_at, expires_at) VALUES ('singleton', 'node-a', 3,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '1' HOUR)");
        execute(dataSource, "INSERT INTO cluster_leases (name, holder, epoch, renewed_at, expires_at) VALUES ('other', 'node-b@7', 1,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '1' HOUR)");

        assertThat(cluster.read().leader()).contains("node-a");
        execute(dataSource, "UPDATE cluster_leases SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE name = 'singleton'");
        assertThat(cluster.read().leader()).as("a lease that ran out makes no leader").isEmpty();

        assertThat(cluster.forget("node-a")).isTrue();
        assertThat(cluster.read().nodes()).isEmpty();
        assertThat(cluster.forget("node-a")).as("nothing left to forget").isFalse();
        assertThat(cluster.forget("node-b")).as("its lease ends").isTrue();
        assertThat(cluster.forget("node-b")).isFalse();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT epoch, expires_at <= CURRENT_TIMESTAMP FROM cluster_leases WHERE name = 'other'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).as("the epoch stays for the next leader to go beyond").isEqualTo(1);
            assertThat(r.getBoolean(2)).isTrue();
        }
    }
}
