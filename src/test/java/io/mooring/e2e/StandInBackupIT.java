package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.AgentProcess;
import io.mooring.testing.Await;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestEngines;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents (the jar, each its own process, home and engine) share one PostgreSQL state database. The tenant's
 * postgresql runs on node-b (its container a stand-in; the database it serves is the machine's PostgreSQL, which the
 * inventory publishes at node-b's address), backed up every minute into the tenant's bucket. node-b's agent is killed
 * (kill -9: its containers keep running); once the cluster's view shows it down, the leader, node-a, makes node-b's
 * database backup as a stand-in: each slot once (the manifests under node-b are as many as the slots the cluster
 * recorded done), without folders, and the backup restores with {@code mooring backup restore --node node-b}.
 */
class StandInBackupIT {
    private static final Pattern BACKUP_ID = Pattern.compile("^backup (\\S+) of node node-b's database");
    @TempDir
    Path tmp;
    private final String tenant = "si" + UUID.randomUUID().toString().substring(0, 6);
    private final List<String> databases = new ArrayList<>();
    private final List<AgentProcess> agents = new ArrayList<>();
    private TestStateDb state;
    private TestS3 s3;
    private TestEngines engines;
    private String data;
    private TestRepo repo;

    @BeforeEach
    void setUp() throws Exception {
        state = TestStateDb.create("standin");
        s3 = new TestS3();
        engines = new TestEngines();
        data = TestPostgres.newDatabaseName("standin");
        TestPostgres.create(data, 20);
        databases.add(data);
        repo = new TestRepo(Files.createDirectories(tmp.resolve("repo")));
        repo.write("instances/" + tenant + "/inventory.yml", """
                all:
                  hosts:
                    node-a: {roles: [web]}
                    node-b: {roles: [db], omni_ip_lan: 127.0.0.1}
                  vars: {%s, postgres_port: "5432", postgres_database: %s, postgres_user: postgres, postgres_password: ""}
                """.formatted(s3.inventoryVars(), data));
        repo.write("instances/" + tenant + "/components.yml", """
                x-mooring:
                  backup: {schedule: "* * * * *"}
                services:
                  web: {image: "127.0.0.1:5000/demo/web:1.0", x-mooring: {roles: [web]}}
                  postgresql: {image: "127.0.0.1:5000/demo/web:1.0", x-mooring: {roles: [db]}}
                """);
        repo.commit(tenant + ": its postgresql on node-b, backed up every minute");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AgentProcess agent : agents) {
            agent.close();
        }
        try {
            engines.removeTenant(tenant);
        } finally {
            engines.close();
            repo.close();
            for (String database : databases) {
                TestPostgres.drop(database);
            }
            s3.close();
            state.close();
        }
    }

    @Test
    void theLeaderBacksUpTheDatabaseOfANodeThatIsDownOncePerSlotAndItRestores() throws Exception {
        awayFromTheMinute();
        AgentProcess a = agent("node-a", 1);
        AgentProcess b = agent("node-b", 2);
        Await.until(Duration.ofSeconds(60), () -> engines.components(2, tenant), running -> running.contains("postgresql running"));
        Await.until(Duration.ofSeconds(30), () -> a.get("/api/cluster"), view -> view.contains("\"leader\":true"));

        b.kill();
        Await.until(Duration.ofSeconds(30), () -> a.get("/api/cluster"),
                view -> view.matches("(?s).*\"node\":\"node-b\",\"state\":\"down\".*"));

        String made = Await.until(Duration.ofSeconds(80), () -> query("SELECT message FROM singleton_runs WHERE job = 'backup:" + tenant
                + "@node-b' AND holder = 'node-a' AND state = 'done' ORDER BY slot LIMIT 1"), m -> !m.isEmpty());
        Thread.sleep(3_000); // node-a has looked at the slot again by now (every second): a second backup would show
        assertThat(made).contains("its folders are not included");
        assertThat(engines.components(2, tenant)).as("node-b's containers kept running").contains("postgresql running");
        long slots = Long.parseLong(query("SELECT COUNT(*) FROM singleton_runs WHERE job = 'backup:" + tenant + "@node-b' AND state = 'done'"));
        assertThat(manifests()).as("one backup for each slot, all under node-b").hasSize((int) slots)
                .allMatch(k -> k.startsWith("mooring/" + tenant + "/node-b/"));

        Matcher id = BACKUP_ID.matcher(made);
        assertThat(id.find()).as(made).isTrue();
        String restored = data + "_back";
        databases.add(restored);
        MooringCli.Result restore = MooringCli.run("backup", "restore", "--repo", repo.dir().toString(), "--tenant", tenant, "--node", "node-b",
                "--home", Files.createDirectories(tmp.resolve("cli")).toString(), "--part-size-mib", "5", "--backup", id.group(1),
                "--into-database", restored, "--folders-into", tmp.resolve("no-folders").toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(TestPostgres.count(restored, "items")).isEqualTo(TestPostgres.count(data, "items")).isEqualTo(20);
    }

    private AgentProcess agent(String node, int engine) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("agent-" + node));
        AgentProcess agent = AgentProcess.start(folder.resolve("agent.yml"), repo.dir().toString(), node, folder.resolve("home"), """
                interval: 2s
                dockerHost: %s
                database: {driverClass: org.postgresql.Driver, url: "%s", user: postgres, password: ""}
                cluster: {heartbeatInterval: 1s, leaseDuration: 4s, renewDeadline: 3s, retryPeriod: 1s}
                """.formatted(TestEngines.dockerHost(engine), state.url()));
        agents.add(agent);
        return agent;
    }

    /**
     * Started early in a minute, node-b is killed before its first slot of its own: the slot the leader stands in for is
     * the one it missed, which the cluster's record shows.
     */
    private static void awayFromTheMinute() throws InterruptedException {
        int second = Instant.now().atZone(ZoneOffset.UTC).getSecond();
        if (second > 20) {
            Thread.sleep((61 - second) * 1000L);
        }
    }

    private List<String> manifests() {
        return s3.keys("mooring/" + tenant + "/node-b/").stream().filter(k -> k.endsWith("/manifest.json")).toList();
    }

    private String query(String sql) {
        try (Connection c = DriverManager.getConnection(state.url(), TestPostgres.USER, "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        } catch (java.sql.SQLException e) {
            return "";
        }
    }
}
