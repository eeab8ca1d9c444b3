package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.backup.Backups;
import io.mooring.backup.LocalDirectoryTarget;
import io.mooring.backup.Manifest;
import io.mooring.model.BackupSettings;
import io.mooring.testing.BackupTenant;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestRepo;
import io.mooring.testing.TestS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code mooring backup} through the jar, against S3Proxy (a real S3-compatible server) and the machine's
 * PostgreSQL: a backup restores into a new database with the same rows and its folders come back; a failing
 * dump and a process killed during the dump or the upload leave nothing listed (and the next run clears what
 * they left); retention removes exactly what it should; a tampered object fails verify and is not restored.
 */
class BackupIT {
    private static final int ROWS = 16_000;
    private final String tenant = "bk-" + UUID.randomUUID().toString().substring(0, 6);
    private TestS3 s3;
    private TestRepo repo;
    private Path home;
    private Path folder;
    private String database;
    private final List<String> databases = new ArrayList<>();

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        s3 = new TestS3();
        home = tmp.resolve("home");
        folder = Files.createDirectories(tmp.resolve("asterisk-custom"));
        Files.writeString(folder.resolve("extensions_custom.conf"), "[from-internal-custom]\nexten => 100,1,Answer()\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("sub/greeting.wav"), new byte[] {1, 2, 3, 4, 5});
        database = TestPostgres.newDatabaseName("bk");
        databases.add(database);
        TestPostgres.create(database, ROWS);
        repo = new TestRepo(tmp.resolve("config"));
        commit(database, "");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String name : databases) {
            TestPostgres.drop(name);
        }
        repo.close();
        s3.close();
    }

    private void commit(String dbName, String backupExtra) throws Exception {
        BackupTenant.commit(repo, tenant, dbName, s3, folder, backupExtra);
    }

    private MooringCli.Result backup(Map<String, String> env, String action, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("backup", action, "--repo", repo.dir().toString(), "--tenant", tenant, "--node", "node-a",
                "--home", home.toString(), "--part-size-mib", "5", "--allow-folder", folder.getParent().toString()));
        args.addAll(List.of(extra));
        return MooringCli.run(env, args.toArray(String[]::new));
    }

    private MooringCli.Result backup(String action, String... extra) throws Exception {
        return backup(Map.of(), action, extra);
    }

    private List<String> listed() throws Exception {
        MooringCli.Result list = backup("list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        return list.stdout().lines().toList();
    }

    @Test
    void aBackupRestoresIntoANewDatabaseWithTheSameRowsAndItsFolders() throws Exception {
        MooringCli.Result run = backup("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("of tenant " + tenant + " from node node-a in s3 bucket backups").contains("database ")
                .contains("folders ");
        List<String> lines = listed();
        assertThat(lines).hasSize(1);
        String id = lines.get(0).split("\\s+")[0];
        assertThat(id).matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
        assertThat(s3.keys("mooring/" + tenant + "/node-a/" + id + "/")).containsExactly(
                "mooring/" + tenant + "/node-a/" + id + "/database.dump",
                "mooring/" + tenant + "/node-a/" + id + "/folders.tar",
                "mooring/" + tenant + "/node-a/" + id + "/manifest.json");

        String restored = database + "_restored";
        databases.add(restored);
        Path restoredFolders = home.resolve("restored");
        MooringCli.Result restore = backup("restore", "--backup", id, "--into-database", restored, "--folders-into", restoredFolders.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(TestPostgres.count(restored, "items")).isEqualTo(TestPostgres.count(database, "items")).isEqualTo(ROWS);
        Path back = restoredFolders.resolve(folder.toString().substring(1));
        assertThat(Files.readString(back.resolve("extensions_custom.conf"))).isEqualTo(Files.readString(folder.resolve("extensions_custom.conf")));
        assertThat(Files.readAllBytes(back.resolve("sub/greeting.wav"))).containsExactly(1, 2, 3, 4, 5);

        MooringCli.Result verify = backup("verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains(id + "  ok: every object matches its SHA-256 and the dump restores");
        assertThat(TestPostgres.exists("mooring_verify_" + id.toLowerCase().replace('-', '_'))).as("the scratch database is dropped").isFalse();
    }

    @Test
    void anEncryptedBackupIsReadableByTheAgeToolsAndRestoresWithTheIdentity() throws Exception {
        Path identity = home.resolveSibling("age-key.txt");
        Files.createDirectories(identity.getParent());
        String recipient = run("age-keygen", "-o", identity.toString()).lines().filter(l -> l.contains("age1")).findFirst().orElseThrow()
                .replaceFirst(".*(age1\\S+).*", "$1");
        commit(database, "    age_recipients: [" + recipient + "]");
        assertThat(backup("run").exitCode()).isZero();
        String id = listed().get(0).split("\\s+")[0];
        assertThat(listed().get(0)).endsWith("encrypted");
        String dumpKey = "mooring/" + tenant + "/node-a/" + id + "/database.dump.age";
        Path downloaded = home.resolveSibling("dump.age");
        Files.write(downloaded, s3.client.getObjectAsBytes(b -> b.bucket(TestS3.BUCKET).key(dumpKey)).asByteArray());
        Path decrypted = home.resolveSibling("dump");
        run("age", "-d", "-i", identity.toString(), "-o", decrypted.toString(), downloaded.toString());
        assertThat(run("pg_restore", "-l", decrypted.toString())).contains("TABLE public items");

        MooringCli.Result withoutKey = backup("verify");
        assertThat(withoutKey.exitCode()).isEqualTo(1);
        assertThat(withoutKey.stdout()).contains("the dump is encrypted: give the age identity");
        MooringCli.Result withKey = backup("verify", "--age-identity", identity.toString());
        assertThat(withKey.exitCode()).as(withKey.toString()).isZero();
    }

    @Test
    void aFailingDumpLeavesNothingListedAndNoUploadBehind() throws Exception {
        commit("no_such_database_" + UUID.randomUUID().toString().substring(0, 4), "");
        MooringCli.Result run = backup("run");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("pg_dump of database no_such_database_").contains("failed with exit code 1")
                .contains("does not exist").doesNotContain("\tat ");
        assertThat(listed()).isEmpty();
        assertThat(s3.keys("mooring/")).isEmpty();
        assertThat(s3.incompleteUploads()).isZero();
    }

    @Test
    void aBackupKilledDuringTheDumpOrTheUploadListsNothingAndTheNextRunClearsWhatItLeft() throws Exception {
        MooringCli.Result duringDump = backup(Map.of("MOORING_CRASH_AFTER", "dump-started"), "run");
        assertThat(duringDump.exitCode()).as(duringDump.toString()).isEqualTo(137);
        assertThat(listed()).isEmpty();

        MooringCli.Result duringUpload = backup(Map.of("MOORING_CRASH_AFTER", "part-uploaded"), "run");
        assertThat(duringUpload.exitCode()).as(duringUpload.toString()).isEqualTo(137);
        assertThat(listed()).isEmpty();
        assertThat(s3.incompleteUploads()).as("a killed process cannot abort its upload").isPositive();

        assertThat(backup("run").exitCode()).isZero();
        assertThat(s3.incompleteUploads()).as("the next run aborted it").isZero();
        assertThat(listed()).hasSize(1);
        String id = listed().get(0).split("\\s+")[0];
        assertThat(s3.keys("mooring/")).allMatch(key -> key.contains("/" + id + "/"));
    }

    @Test
    void retentionRemovesExactlyTheBackupsItDoesNotKeep(@TempDir Path store) throws Exception {
        Instant monday = Instant.parse("2026-11-23T03:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int day = 9; day >= 0; day--) {
            Clock clock = Clock.fixed(monday.minus(Duration.ofDays(day)), ZoneOffset.UTC);
            try (Backups backups = new Backups(new LocalDirectoryTarget(store), "mooring", clock)) {
                ids.add(backups.run(new Backups.Job(tenant, "node-a", "rev", Optional.empty(), List.of(folder.toString()), List.of())).id());
            }
        }
        try (Backups backups = new Backups(new LocalDirectoryTarget(store), "mooring", Clock.systemUTC())) {
            List<Manifest> removed = backups.prune(tenant, "node-a", new BackupSettings.Retention(2, 3, 2));
            // Kept: the two newest (Nov 23, 22), the newest of 3 days (23, 22, 21), of 2 weeks (week 48: 23; week 47: 22).
            List<String> kept = List.of(ids.get(9), ids.get(8), ids.get(7));
            assertThat(backups.list(tenant, "node-a")).extracting(Manifest::id).containsExactlyElementsOf(kept);
            assertThat(removed).extracting(Manifest::id).containsExactlyInAnyOrderElementsOf(ids.subList(0, 7));
            try (var files = Files.walk(store)) {
                assertThat(files.filter(Files::isRegularFile).map(Path::toString).filter(p -> removed.stream().anyMatch(m -> p.contains(m.id()))))
                        .as("nothing of a removed backup is left").isEmpty();
            }
        }
    }

    @Test
    void aTamperedObjectFailsVerifyAndIsNotRestored() throws Exception {
        assertThat(backup("run").exitCode()).isZero();
        String id = listed().get(0).split("\\s+")[0];
        String key = "mooring/" + tenant + "/node-a/" + id + "/folders.tar";
        byte[] bytes = s3.client.getObjectAsBytes(b -> b.bucket(TestS3.BUCKET).key(key)).asByteArray();
        bytes[bytes.length / 2] ^= 0x55;
        s3.client.putObject(b -> b.bucket(TestS3.BUCKET).key(key), RequestBody.fromBytes(bytes));

        MooringCli.Result verify = backup("verify", "--backup", id);
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.stdout()).contains(id + "  FAILED: " + key + " is " + bytes.length + " bytes with SHA-256");
        assertThat(verify.stderr()).contains("1 of 1 backup(s) failed verification");
        String target = database + "_never";
        MooringCli.Result restore = backup("restore", "--backup", id, "--into-database", target, "--folders-into", home.resolve("x").toString());
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.stderr()).contains("backup " + id + " is damaged, nothing was restored");
        assertThat(TestPostgres.exists(target)).isFalse();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
