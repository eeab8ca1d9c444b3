package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestRepo;
import io.mooring.testing.TestS3;
import io.mooring.testing.TestStateDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents (the jar, each its own process and home) share one PostgreSQL state database; a tenant backs its managed
 * database up every hour into its own bucket, and an agent that starts runs the hour's slot if the cluster has not.
 * The first agent leads, claims the slot and dies in the middle of the dump (halted, as by kill -9); of the two agents
 * started after it, one takes over within the lease and runs the slot it left: one backup for the slot, kept under the
 * tenant's first host by name. (The scheduling decisions themselves are tested in-process: LeaderBackupSchedulerIT.)
 */
class LeaderBackupIT {
    @TempDir
    Path tmp;
    private TestStateDb state;
    private TestS3 s3;
    private String data;
    private TestRepo repo;
    private final Map<String, Process> agents = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        state = TestStateDb.create("fleet");
        s3 = new TestS3();
        data = TestPostgres.newDatabaseName("managed");
        TestPostgres.create(data, 20);
        repo = new TestRepo(Files.createDirectories(tmp.resolve("repo")));
        hosts("node-a: {}, node-b: {}, node-c: {}");
        repo.write("instances/acme/components.yml", """
                x-mooring:
                  backup: {schedule: "0 * * * *"}
                services:
                  postgresql:
                    image: "127.0.0.1:5000/demo/web:1.0"
                    x-mooring: {skip_if_set: [postgres_host]}
                """);
        repo.commit("acme: a managed database, backed up every hour");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process agent : agents.values()) {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        repo.close();
        TestPostgres.drop(data);
        s3.close();
        state.close();
    }

    @Test
    void aSlotWhoseLeaderDiedMidDumpIsRunOnceByTheNextLeader() throws Exception {
        awayFromTheHour();
        Instant slot = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Process first = agent("node-a", Map.of("MOORING_CRASH_AFTER", "dump-started"));
        agents.put("node-a", first);
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("node-a led, claimed the slot and died in its dump").isTrue();
        assertThat(query("SELECT COUNT(*) FROM singleton_runs WHERE job = 'backup:acme' AND state = 'running' AND holder = 'node-a'"))
                .isEqualTo(1);

        agents.put("node-b", agent("node-b", Map.of()));
        agents.put("node-c", agent("node-c", Map.of()));

        Await.until(Duration.ofSeconds(90), this::manifests, found -> !found.isEmpty());
        Thread.sleep(3_000); // both survivors have looked at the slot by now (every second): a second backup would show
        assertThat(manifests()).as("one backup for the slot, under the first host by name").singleElement().asString()
                .startsWith("mooring/acme/node-a/");
        assertThat(query("SELECT COUNT(*) FROM singleton_runs WHERE job = 'backup:acme' AND state = 'done' AND holder <> 'node-a'"
                + " AND epoch > 1 AND slot = TIMESTAMP WITH TIME ZONE '" + slot + "'")).as("run by the next leader").isEqualTo(1);
        assertThat(query("SELECT COUNT(*) FROM singleton_runs WHERE job = 'backup:acme'")).isEqualTo(1);
        assertThat(s3.incompleteUploads()).as("the dead run's upload was cleared").isZero();
    }

    private void hosts(String hosts) throws Exception {
        repo.write("instances/acme/inventory.yml", """
                all:
                  hosts: {%s}
                  vars: {%s, postgres_host: 127.0.0.1, postgres_port: "5432", postgres_database: %s, postgres_user: postgres}
                """.formatted(hosts, s3.inventoryVars(), data));
    }

    private Process agent(String node, Map<String, String> env) throws Exception {
        Path home = Files.createDirectories(tmp.resolve(node));
        Path token = Files.writeString(home.resolve("api-token"), "leader-backup-test-token-" + node + "\n");
        Path file = Files.writeString(home.resolve("mooring.yml"), """
                repo: %s
                node: %s
                home: %s
                interval: 2s
                api: {tokenFile: %s}
                database: {driverClass: org.postgresql.Driver, url: "%s", user: postgres, password: ""}
                cluster: {heartbeatInterval: 1s, leaseDuration: 4s, renewDeadline: 3s, retryPeriod: 1s}
                server:
                  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                logging:
                  level: INFO
                """.formatted(repo.dir(), node, home, token, state.url(), tmp.resolve("backups")));
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                MooringCli.jar().toString(), "server", file.toString())).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(node + ".log").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The test takes well under a minute: it starts away from the hour, so that the slot is the same throughout. */
    private static void awayFromTheHour() throws InterruptedException {
        java.time.ZonedDateTime now = Instant.now().atZone(java.time.ZoneOffset.UTC);
        if (now.getMinute() >= 58) {
            Thread.sleep(((60 - now.getMinute()) * 60L - now.getSecond() + 2) * 1000L);
        }
    }

    private List<String> manifests() {
        return s3.keys("mooring/acme/").stream().filter(k -> k.endsWith("/manifest.json")).toList();
    }

    private long query(String sql) {
        try (Connection c = DriverManager.getConnection(state.url(), TestPostgres.USER, "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
