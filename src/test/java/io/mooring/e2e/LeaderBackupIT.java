package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestRepo;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents (the jar, each its own process and home) share one PostgreSQL state database; a tenant backs its managed
 * database up every minute. Spread over three nodes: killed with SIGKILL a few seconds before the minute, the leader
 * does not take the backup; another agent leads within the lease and takes it: one backup for the slot, kept under
 * the tenant's first host by name, whichever agent made it. On one node that does not lead: the leader takes it.
 */
class LeaderBackupIT {
    @TempDir
    Path tmp;
    private TestStateDb state;
    private String data;
    private TestRepo repo;
    private final Map<String, Process> agents = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        state = TestStateDb.create("fleet");
        data = TestPostgres.newDatabaseName("managed");
        TestPostgres.create(data, 20);
        repo = new TestRepo(Files.createDirectories(tmp.resolve("repo")));
        hosts("node-a: {}, node-b: {}, node-c: {}");
        repo.write("instances/acme/components.yml", """
                x-mooring:
                  backup: {schedule: "* * * * *"}
                services:
                  postgresql:
                    image: "127.0.0.1:5000/demo/web:1.0"
                    x-mooring: {skip_if_set: [postgres_host]}
                """);
        repo.commit("acme: a managed database, backed up every minute");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process agent : agents.values()) {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        repo.close();
        TestPostgres.drop(data);
        state.close();
    }

    @Test
    void theManagedDatabasesScheduledBackupRunsOnceForTheSlotAcrossAKillOfTheLeader() throws Exception {
        for (String node : List.of("node-a", "node-b", "node-c")) {
            agents.put(node, agent(node));
        }
        Await.until(Duration.ofSeconds(60), () -> query("SELECT COUNT(DISTINCT node) FROM passes WHERE tenant = 'acme'"), n -> n == 3);
        waitForSecond(52);
        String leader = holder();
        long epoch = query("SELECT epoch FROM cluster_leases");
        Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        int before = manifests().size(); // slots that came before, each with its backup

        agents.get(leader).destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Await.until(Duration.ofSeconds(40), this::manifests, found -> found.size() > before);
        Thread.sleep(5_000); // every survivor has looked at the slot by now: a second backup would show
        List<Path> made = manifests();
        assertThat(made).as("one backup for the slot").hasSize(before + 1);
        assertThat(made).allMatch(m -> m.toString().contains("/mooring/acme/node-a/"), "kept under the first host by name");
        assertThat(query("SELECT COUNT(*) FROM singleton_runs WHERE job = 'backup:acme' AND state = 'done'")).as("one per slot").isEqualTo(made.size());
        assertThat(query("SELECT epoch FROM cluster_leases")).as("another agent took over").isGreaterThan(epoch);
        assertThat(holder()).isNotEqualTo(leader);
        assertThat(query("SELECT COUNT(*) FROM singleton_runs WHERE job = 'backup:acme' AND state = 'done' AND holder <> '"
                + leader + "' AND slot = TIMESTAMP WITH TIME ZONE '" + slot + "'")).isEqualTo(1);
    }

    @Test
    void aLeaderThatIsNoneOfTheTenantsHostsBacksItsManagedDatabaseUpUnderItsFirstHost() throws Exception {
        hosts("node-c: {}");
        repo.commit("acme on node-c alone");
        agents.put("node-x", agent("node-x"));
        Await.until(Duration.ofSeconds(60), () -> query("SELECT COUNT(*) FROM cluster_leases WHERE holder = 'node-x'"), n -> n == 1);
        agents.put("node-c", agent("node-c"));

        Await.until(Duration.ofSeconds(90), this::manifests, found -> !found.isEmpty());

        assertThat(manifests()).allMatch(m -> m.toString().contains("/mooring/acme/node-c/"));
        assertThat(query("SELECT COUNT(*) FROM singleton_runs WHERE job = 'backup:acme' AND state = 'done' AND holder = 'node-x'")).isEqualTo(manifests().size());
    }

    private void hosts(String hosts) throws Exception {
        repo.write("instances/acme/inventory.yml", """
                all:
                  hosts: {%s}
                  vars: {postgres_host: 127.0.0.1, postgres_port: "5432", postgres_database: %s, postgres_user: postgres}
                """.formatted(hosts, data));
    }

    private Process agent(String node) throws Exception {
        Path home = Files.createDirectories(tmp.resolve(node));
        Path token = Files.writeString(home.resolve("api-token"), "leader-backup-test-token-" + node + "\n");
        Path file = Files.writeString(home.resolve("mooring.yml"), """
                repo: %s
                node: %s
                home: %s
                interval: 2s
                api: {tokenFile: %s}
                database: {driverClass: org.postgresql.Driver, url: "%s", user: postgres, password: ""}
                backup: {directory: %s}
                cluster: {heartbeatInterval: 1s, leaseDuration: 4s, renewDeadline: 3s, retryPeriod: 1s}
                server:
                  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                logging:
                  level: INFO
                """.formatted(repo.dir(), node, home, token, state.url(), tmp.resolve("backups")));
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                MooringCli.jar().toString(), "server", file.toString())).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(node + ".log").toFile()).start();
    }

    /** Waits for the second {@code second} of a minute, leaving time before the next slot for the kill. */
    private static void waitForSecond(int second) throws InterruptedException {
        int now = Instant.now().atZone(java.time.ZoneOffset.UTC).getSecond();
        Thread.sleep(((second - now + 60) % 60) * 1000L);
    }

    private List<Path> manifests() {
        Path backups = tmp.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(backups)) {
            return files.filter(f -> f.getFileName().toString().equals("manifest.json")).toList();
        } catch (java.io.IOException e) {
            return List.of(); // a run under way removed a folder while walking: look again
        }
    }

    private String holder() throws Exception {
        try (Connection c = DriverManager.getConnection(state.url(), TestPostgres.USER, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT holder FROM cluster_leases")) {
            rs.next();
            return rs.getString(1);
        }
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
