package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.backup.Manifest;
import io.mooring.inventory.TenantLoader;
import io.mooring.leader.Election;
import io.mooring.leader.Singletons;
import io.mooring.model.Guardrails;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import io.mooring.source.Checkout;
import io.mooring.source.FileTree;
import io.mooring.state.SingletonRuns;
import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.state.jdbi.JdbiSingletonRuns;
import io.mooring.testing.Await;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestS3;
import io.mooring.testing.TestStateDb;
import io.mooring.wiring.AgentParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup scheduler of the cluster's leader (node-x, none of the tenant's hosts) in this JVM on a synthetic clock, its
 * election and slots on the real PostgreSQL: node-b runs the tenant's postgresql (here the machine's PostgreSQL, which
 * the inventory publishes at node-b's address); while the view shows node-b down, the leader makes each slot's database
 * backup once, under node-b, without its folders; a slot node-b claimed is left alone; a dump it cannot reach, or a
 * tenant without its own bucket, is a missed slot, recorded with the reason.
 */
class StandInSchedulerIT {
    private static final Instant SLOT = Instant.parse("2026-11-30T03:00:00Z");
    private static final String JOB = "backup:acme@node-b";
    @TempDir
    Path tmp;
    private TestStateDb state;
    private TestS3 s3;
    private String data;
    private Election election;
    private SingletonRuns runs;
    private final Set<String> down = new CopyOnWriteArraySet<>();

    @BeforeEach
    void setUp() throws Exception {
        state = TestStateDb.create("standin");
        s3 = new TestS3();
        data = TestPostgres.newDatabaseName("standin");
        TestPostgres.create(data, 20);
        runs = new JdbiSingletonRuns(org.jdbi.v3.core.Jdbi.create(state.dataSource()));
        election = new Election(JdbiLeadership.of(state.url(), TestPostgres.USER, "", new Properties(), "node-x"), "node-x",
                new Election.Timings(Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofMillis(200)));
        election.start();
        Await.until(Duration.ofSeconds(20), election::leads, leads -> leads);
    }

    @AfterEach
    void tearDown() throws Exception {
        election.stop();
        TestPostgres.drop(data);
        s3.close();
        state.close();
    }

    private BackupScheduler scheduler(String vars) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("repo/instances/acme"));
        Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  hosts:
                    node-a: {roles: [web]}
                    node-b: {roles: [db], omni_ip_lan: 127.0.0.1}
                  vars: {%spostgres_database: %s, postgres_user: postgres, postgres_password: ""}
                """.formatted(vars, data));
        Files.writeString(dir.resolve("components.yml"), """
                x-mooring:
                  backup: {schedule: "0 3 * * *", folders: [/srv/acme]}
                services:
                  web: {image: "127.0.0.1:5000/demo/web:1.0", x-mooring: {roles: [web]}}
                  postgresql: {image: "127.0.0.1:5000/demo/web:1.0", x-mooring: {roles: [db]}}
                """);
        TenantConfig config = TenantLoader.load(new FileTree(tmp.resolve("repo")), "acme");
        Reconciler.Accepted accepted = new Reconciler.Accepted(new Checkout(new Revision("0123456789abcdef", "acme"), null), config, null);
        TenantBackups backups = AgentParts.backups(new TenantBackups.Options(tmp.resolve("own-folder"), "mooring", 5 * 1024 * 1024, true,
                true));
        Singletons singletons = new Singletons(election, runs);
        return new BackupScheduler(Map::of, () -> Map.of("acme", accepted), "node-x", List.of(), backups,
                Guardrails.defaults().withBindMounts(List.of("/srv/acme")), Clock.fixed(SLOT.minusSeconds(60), ZoneOffset.UTC),
                Optional.of(singletons), Duration.ofSeconds(1), () -> Set.copyOf(down));
    }

    private List<String> manifests() {
        return s3.keys("mooring/acme/").stream().filter(k -> k.endsWith("/" + Manifest.FILE)).toList();
    }

    @Test
    void whileTheNodeIsDownTheLeaderMakesItsDatabaseBackupOncePerSlotUnderItsName() throws Exception {
        BackupScheduler scheduler = scheduler(s3.inventoryVars() + ", postgres_port: \"5432\", ");
        assertThat(scheduler.runDue(SLOT.plusSeconds(1))).as("node-b up: its own backup").isEmpty();

        down.add("node-b");
        assertThat(scheduler.runDue(SLOT.plusSeconds(2))).singleElement().asString()
                .startsWith("acme@node-b: done: backup ").contains("its folders are not included");
        assertThat(scheduler.runDue(SLOT.plusSeconds(3))).as("once per slot").isEmpty();

        assertThat(manifests()).singleElement().asString().startsWith("mooring/acme/node-b/");
        String base = manifests().get(0).replace(Manifest.FILE, "");
        assertThat(s3.keys(base)).as("the dump alone: the folders are on node-b's disk")
                .containsExactlyInAnyOrder(base + "database.dump", base + Manifest.FILE);
    }

    @Test
    void aSlotTheNodeClaimedIsLeftToIt() throws Exception {
        BackupScheduler scheduler = scheduler(s3.inventoryVars() + ", postgres_port: \"5432\", ");
        assertThat(runs.claimAsNode(JOB, SLOT, "node-b")).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.mayCommitAsNode(JOB, SLOT, "node-b")).isTrue();

        down.add("node-b"); // it went down right after committing its own backup of the slot
        assertThat(scheduler.runDue(SLOT.plusSeconds(2))).singleElement().asString().startsWith("acme@node-b: taken");
        assertThat(manifests()).isEmpty();
    }

    @Test
    void aDumpTheLeaderCannotReachIsAMissedSlotRecordedWithTheReason() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        BackupScheduler scheduler = scheduler(s3.inventoryVars() + ", postgres_port: \"" + closed + "\", ");
        down.add("node-b");

        assertThat(scheduler.runDue(SLOT.plusSeconds(2))).singleElement().asString()
                .startsWith("acme@node-b: failed: missed: node node-b is down, and its postgresql cannot be reached from node node-x at"
                        + " 127.0.0.1:" + closed);
        assertThat(scheduler.runDue(SLOT.plusSeconds(3))).as("recorded: not tried again for the slot").isEmpty();
        assertThat(manifests()).isEmpty();
        assertThat(recorded())
                .startsWith("failed: missed: node node-b is down");
    }

    @Test
    void withoutTheTenantsOwnBucketTheLeaderCannotStandIn() throws Exception {
        BackupScheduler scheduler = scheduler("postgres_port: \"5432\", ");
        down.add("node-b");

        assertThat(scheduler.runDue(SLOT.plusSeconds(2))).singleElement().asString()
                .startsWith("acme@node-b: failed: missed: node node-b is down, and the tenant's backups from it go to its agent's own");
        assertThat(tmp.resolve("own-folder")).doesNotExist();
    }

    private String recorded() throws Exception {
        try (java.sql.Connection c = state.dataSource().getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT state || ': ' || message FROM singleton_runs WHERE job = '" + JOB + "'")) {
            return r.next() ? r.getString(1) : "";
        }
    }
}
