package io.mooring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import io.mooring.engine.Engine;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.ClusterStatus;
import io.mooring.model.NodeReport;
import io.mooring.state.ClusterState;
import io.mooring.state.jdbi.JdbiClusterState;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the fleet's view costs on PostgreSQL: one agent's heartbeat with 100 tenants of three components each (rows, bytes
 * and the writer's CPU time per minute at the default 10 s interval, the write-ahead log it makes), the engine's one list
 * call that feeds it, and the latency of {@code mooring status --all} over 10 nodes x 100 tenants of seeded rows, in
 * process and through the jar. It prints figures; nothing is asserted on time.
 */
class HeartbeatBenchmark {
    private static final int TENANTS = 100;
    private static final int NODES = 10;
    private static final int BEATS = 60;
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    static NodeReport report(String node, int tenants) {
        List<NodeReport.Tenant> all = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            List<NodeReport.Component> components = new ArrayList<>();
            for (String c : List.of("asterisk", "kamailio", "redis")) {
                components.add(new NodeReport.Component(c, "registry.example.com/omnileads/" + c + ":1.3" + t % 10,
                        "sha256:" + "0123456789abcdef".repeat(4), "running", "healthy"));
            }
            all.add(new NodeReport.Tenant(String.format("tenant-%03d", t), List.of("voice", "web"), "89abcdef".repeat(5), "CONVERGED",
                    Instant.now(), components));
        }
        List<String> named = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            named.add("node-" + n);
        }
        return new NodeReport(node, "1.0.0", node + ".example.com", Instant.now(), null, INTERVAL, named, all);
    }

    @Test
    void heartbeatCostAndStatusLatency(@TempDir Path tmp) throws Exception {
        String database = TestPostgres.newDatabaseName("hbbench");
        TestPostgres.execute("postgres", "CREATE DATABASE " + database);
        try {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl("jdbc:postgresql://" + TestPostgres.HOST + ":" + TestPostgres.PORT + "/" + database);
            pg.setUser(TestPostgres.USER);
            ClusterState cluster = JdbiClusterState.migrated(pg);
            heartbeat(cluster, pg);
            listCall();
            status(cluster, tmp, database);
        } finally {
            TestPostgres.drop(database);
        }
    }

    private static void heartbeat(ClusterState cluster, PGSimpleDataSource pg) throws Exception {
        NodeReport report = report("node-0", TENANTS);
        int payload = JdbiClusterState.payload(report).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (int i = 0; i < 10; i++) {
            cluster.heartbeat(report); // warm-up
        }
        System.out.printf("heartbeat, %d tenants x 3 components: document %d bytes (JSON), one row a node%n", TENANTS, payload);
        beats(cluster, pg, "changed every beat (worst case: the document rewritten)", () -> report("node-0", TENANTS), payload);
        beats(cluster, pg, "unchanged (steady state: only last_seen written)", () -> report, 0);
    }

    private static void beats(ClusterState cluster, PGSimpleDataSource pg, String what, java.util.function.Supplier<NodeReport> next,
                              int payload) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long walBefore = walBytes(pg);
        long cpuBefore = cpu.getCurrentThreadCpuTime();
        long[] wall = new long[BEATS];
        for (int i = 0; i < BEATS; i++) {
            long t0 = System.nanoTime();
            cluster.heartbeat(next.get());
            wall[i] = System.nanoTime() - t0;
        }
        double cpuPerBeatMs = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1e6 / BEATS;
        double walPerBeat = (double) (walBytes(pg) - walBefore) / BEATS;
        double perMinute = 60.0 / INTERVAL.toSeconds();
        System.out.printf("  %s: per beat wall median %.2f ms, writer CPU %.2f ms (JSON, statement), WAL %.0f bytes (the server's,"
                + " other activity included)%n", what, median(wall) / 1e6, cpuPerBeatMs, walPerBeat);
        System.out.printf("    per minute at %ds: %.0f row writes, %.1f KiB document sent, %.1f KiB WAL, %.1f ms CPU%n", INTERVAL.toSeconds(),
                perMinute, perMinute * payload / 1024, perMinute * walPerBeat / 1024, perMinute * cpuPerBeatMs);
    }

    private static void listCall() {
        try (Engine engine = new DockerEngine("unix:///var/run/docker.sock")) {
            long[] wall = new long[20];
            int found = 0;
            for (int i = 0; i < wall.length; i++) {
                long t0 = System.nanoTime();
                found = engine.listed("node-0").size();
                wall[i] = System.nanoTime() - t0;
            }
            System.out.printf("engine list call feeding a beat (%d containers listed here): median %.2f ms%n", found, median(wall) / 1e6);
        }
    }

    private static void status(ClusterState cluster, Path tmp, String database) throws Exception {
        for (int n = 0; n < NODES; n++) {
            cluster.heartbeat(report("node-" + n, TENANTS));
        }
        ObjectMapper json = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        long[] wall = new long[30];
        int bytes = 0;
        for (int i = 0; i < wall.length; i++) {
            long t0 = System.nanoTime();
            ClusterState.Snapshot snapshot = cluster.read();
            bytes = json.writeValueAsString(ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now())).length();
            wall[i] = System.nanoTime() - t0;
        }
        System.out.printf("status --all of %d nodes x %d tenants, in process (read, view, JSON of %d KiB): median %.1f ms, first %.1f ms%n",
                NODES, TENANTS, bytes / 1024, median(wall) / 1e6, wall[0] / 1e6);
        Path config = Files.writeString(tmp.resolve("agent.yml"), """
                repo: %s
                node: node-0
                home: %s
                database:
                  driverClass: org.postgresql.Driver
                  url: jdbc:postgresql://%s:%d/%s
                  user: %s
                """.formatted(tmp, tmp.resolve("home"), TestPostgres.HOST, TestPostgres.PORT, database, TestPostgres.USER));
        long[] cli = new long[3];
        for (int i = 0; i < cli.length; i++) {
            long t0 = System.nanoTime();
            MooringCli.Result result = MooringCli.run("status", "--all", "--format", "json", "--config", config.toString());
            cli[i] = System.nanoTime() - t0;
            if (result.stdout().isEmpty()) {
                throw new AssertionError(result.toString());
            }
        }
        System.out.printf("mooring status --all --format json through the jar (JVM start included): median %.0f ms%n", median(cli) / 1e6);
    }

    private static long walBytes(PGSimpleDataSource pg) throws Exception {
        try (var c = pg.getConnection(); var s = c.createStatement();
             var r = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
