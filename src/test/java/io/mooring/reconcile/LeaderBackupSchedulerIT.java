package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.inventory.InventoryReader;
import io.mooring.leader.Election;
import io.mooring.leader.Singletons;
import io.mooring.model.BackupSettings;
import io.mooring.model.Guardrails;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import io.mooring.source.Checkout;
import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.state.jdbi.JdbiSingletonRuns;
import io.mooring.testing.Await;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestS3;
import io.mooring.testing.TestStateDb;
import io.mooring.wiring.AgentParts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup scheduler of a leader that hosts none of a tenant's nodes, in this JVM on a synthetic clock, with its
 * election on the real PostgreSQL, a real managed database and a real bucket: it dumps the managed database once per
 * slot into the tenant's bucket under the first host, and leaves the dump to the first host when the tenant's backups
 * would land in the leader's own folder.
 */
class LeaderBackupSchedulerIT {
    private static final Instant SLOT = Instant.parse("2026-11-30T03:00:00Z");
    @TempDir
    Path tmp;
    private TestStateDb state;
    private TestS3 s3;
    private String data;
    private Election election;

    @BeforeEach
    void setUp() throws Exception {
        state = TestStateDb.create("leaderbackup");
        s3 = new TestS3();
        data = TestPostgres.newDatabaseName("managed");
        TestPostgres.create(data, 20);
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

    private BackupScheduler scheduler(String bucketVars) {
        String inventory = """
                all:
                  hosts: {node-c: {}}
                  vars: {%spostgres_host: 127.0.0.1, postgres_port: "5432", postgres_database: %s, postgres_user: postgres}
                """.formatted(bucketVars, data);
        TenantConfig config = new TenantConfig("acme", InventoryReader.read("inventory.yml", inventory.getBytes(StandardCharsets.UTF_8)),
                List.of(), new BackupSettings(true, List.of(), List.of(), BackupSettings.Retention.DEFAULT, "0 3 * * *", false, -1));
        Reconciler.Accepted accepted = new Reconciler.Accepted(new Checkout(new Revision("0123456789abcdef", "acme"), null), config, null);
        TenantBackups backups = AgentParts.backups(new TenantBackups.Options(tmp.resolve("own-folder"), "mooring", 5 * 1024 * 1024, true,
                true));
        Singletons singletons = new Singletons(election, new JdbiSingletonRuns(org.jdbi.v3.core.Jdbi.create(state.dataSource())));
        return new BackupScheduler(Map::of, () -> Map.of("acme", accepted), "node-x", List.of(), backups, Guardrails.defaults(),
                Clock.fixed(SLOT.minusSeconds(60), ZoneOffset.UTC), Optional.of(singletons), Duration.ofSeconds(1));
    }

    @Test
    void aLeaderThatIsNoneOfTheTenantsHostsDumpsItsManagedDatabaseOncePerSlotIntoTheTenantsBucket() {
        BackupScheduler scheduler = scheduler(s3.inventoryVars() + ", ");

        assertThat(scheduler.runDue(SLOT.minusSeconds(1))).as("the slot missed before it started: yesterday's")
                .singleElement().asString().startsWith("acme: done: backup ");
        assertThat(scheduler.runDue(SLOT.minusSeconds(1))).as("nothing more before the slot").isEmpty();
        assertThat(scheduler.runDue(SLOT.plusSeconds(1))).singleElement().asString().startsWith("acme: done: backup ");
        assertThat(scheduler.runDue(SLOT.plusSeconds(2))).as("once per slot").isEmpty();
        assertThat(scheduler(s3.inventoryVars() + ", ").runDue(SLOT.plusSeconds(3))).as("a restarted leader: the cluster ran it")
                .singleElement().asString().startsWith("acme: taken");

        assertThat(s3.keys("mooring/acme/").stream().filter(k -> k.endsWith("/manifest.json")).toList())
                .as("kept under the first host by name, in the tenant's bucket").hasSize(2).allMatch(k -> k.startsWith("mooring/acme/node-c/"));
    }

    @Test
    void withoutTheTenantsBucketTheDumpStaysTheFirstHostsAndTheLeaderWritesNothingOfItsOwn() {
        BackupScheduler scheduler = scheduler("");

        assertThat(scheduler.runDue(SLOT.plusSeconds(1))).isEmpty();
        assertThat(tmp.resolve("own-folder")).doesNotExist();
        assertThat(s3.keys("mooring/")).isEmpty();
    }
}
