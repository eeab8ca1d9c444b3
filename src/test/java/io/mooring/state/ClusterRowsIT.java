package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ClusterStatus;
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

/**
 * Rows of cluster_nodes that are not what one agent wrote: a report that cannot be read shows its node with a note instead
 * of failing the view of the whole cluster; two agents started under one node name find each other's start in their row,
 * and both say so in the view.
 */
class ClusterRowsIT {
    private static final String DATABASE = "test";
    private static final List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);

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

    private static NodeReport report(String node, String address, Instant started) {
        return new NodeReport(node, "1.0", address, started, null, Duration.ofSeconds(10), List.of(node),
                List.of(new NodeReport.Tenant("acme", List.of("web"), "abc123", "CONVERGED", started.plusSeconds(30),
                        List.of(new NodeReport.Component("web", "web:1", "sha256:aa", "running", "healthy")))));
    }

    private static ClusterStatus view(ClusterState cluster) {
        ClusterState.Snapshot snapshot = cluster.read();
        return ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aReportThatCannotBeReadShowsItsNodeWithANoteAndTheOthersAsTheyAre(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        ClusterState cluster = JdbiClusterState.migrated(dataSource);
        cluster.heartbeat(report("node-a", "a.example", STARTED));
        cluster.heartbeat(report("node-b", "b.example", STARTED));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE cluster_nodes SET report = '{\"tenants\": [{\"tenant\": ' WHERE node = 'node-b'");
        }

        ClusterStatus view = view(cluster);

        assertThat(view.nodes()).extracting(ClusterStatus.Node::node).containsExactly("node-a", "node-b");
        assertThat(view.node("node-a").orElseThrow().tenants()).hasSize(1);
        assertThat(view.node("node-a").orElseThrow().note()).isNull();
        ClusterStatus.Node b = view.node("node-b").orElseThrow();
        assertThat(b.state()).as("its heartbeat's time is still read").isEqualTo(ClusterStatus.UP);
        assertThat(b.tenants()).isEmpty();
        assertThat(b.note()).contains("cannot be read", "mooring node remove node-b");
        assertThat(b.fine()).as("not a fine node").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoAgentsUnderOneNodeNameFindEachOtherAndSaySoInTheView(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        JdbiClusterState.migrated(dataSource);
        ClusterState first = JdbiClusterState.on(dataSource);
        ClusterState second = JdbiClusterState.on(dataSource);
        NodeReport one = report("node-a", "host-1.example", STARTED);
        NodeReport other = report("node-a", "host-2.example", STARTED.plusSeconds(5));

        first.heartbeat(one);
        first.heartbeat(one);
        assertThat(view(first).node("node-a").orElseThrow().note()).as("one agent, beating again").isNull();
        second.heartbeat(other); // a restart looks the same from the new process: it takes the row
        assertThat(view(first).node("node-a").orElseThrow().note()).isNull();

        first.heartbeat(one); // finds another start in the row it wrote
        ClusterStatus.Node shown = view(first).node("node-a").orElseThrow();
        assertThat(shown.address()).isEqualTo("host-1.example");
        assertThat(shown.note()).contains("two agents report as node node-a", "host-1.example", "host-2.example");
        second.heartbeat(other); // and so does the other, at its next beat
        shown = view(first).node("node-a").orElseThrow();
        assertThat(shown.address()).isEqualTo("host-2.example");
        assertThat(shown.note()).contains("two agents report as node node-a");
        assertThat(shown.fine()).isFalse();
    }
}
