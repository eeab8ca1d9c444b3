package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.backup.Manifest;
import io.mooring.testing.BackupTenant;
import io.mooring.testing.ForgedBackup;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestRepo;
import io.mooring.testing.TestS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup comes from a bucket that whoever holds its keys can write. Through the jar, against S3Proxy and the
 * machine's PostgreSQL: hand-made backups with a valid manifest (its SHA-256s match, as an attacker would make
 * them) whose archive climbs out with '..', names an absolute path, or holds a link or a device are refused, and
 * nothing is written, neither the dump nor a file; so are an oversized manifest, an unencrypted backup of a tenant
 * that encrypts, a backup folder reached through a link, and a restore that does not say where folders go.
 */
class RestoreAttackIT {
    private final String tenant = "ra-" + UUID.randomUUID().toString().substring(0, 6);
    private TestS3 s3;
    private ForgedBackup forged;
    private TestRepo repo;
    private Path tmp;
    private Path home;
    private Path folder;
    private Path sentinel;
    private String database;
    private final List<String> databases = new ArrayList<>();

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        s3 = new TestS3();
        forged = new ForgedBackup(s3, tenant);
        home = tmp.resolve("home");
        folder = Files.createDirectories(tmp.resolve("allowed/asterisk-custom"));
        Files.writeString(folder.resolve("extensions_custom.conf"), "[from-internal-custom]\n");
        sentinel = Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("sentinel"), "untouched\n");
        database = TestPostgres.newDatabaseName("ra");
        databases.add(database);
        TestPostgres.create(database, 10);
        repo = new TestRepo(tmp.resolve("config"));
        commit(folder, "");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String name : databases) {
            TestPostgres.drop(name);
        }
        repo.close();
        s3.close();
    }

    private void commit(Path backupFolder, String backupExtra) throws Exception {
        BackupTenant.commit(repo, tenant, database, s3, backupFolder, backupExtra);
    }

    private MooringCli.Result backup(String action, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("backup", action, "--repo", repo.dir().toString(), "--tenant", tenant, "--node", "node-a",
                "--home", home.toString(), "--part-size-mib", "5", "--allow-folder", tmp.resolve("allowed").toString()));
        args.addAll(List.of(extra));
        return MooringCli.run(Map.of(), args.toArray(String[]::new));
    }

    private String realBackup() throws Exception {
        MooringCli.Result run = backup("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        MooringCli.Result list = backup("list");
        return list.stdout().lines().findFirst().orElseThrow().split("\\s+")[0];
    }

    private String key(String id, String name) {
        return forged.key(id, name);
    }

    private String forged(String realId, String id, byte[] tar) throws Exception {
        return forged.forge(realId, id, tar);
    }

    private byte[] tarWith(TarArchiveEntry hostile) throws Exception {
        return ForgedBackup.tarWith(inFolder("good.conf"), hostile);
    }

    private String inFolder(String name) {
        return folder.toString().substring(1) + "/" + name;
    }

    private List<String> everythingUnder(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(Path::toString).sorted().toList();
        }
    }

    @Test
    void aHandMadeArchiveWithATraversingAbsoluteLinkOrDeviceEntryIsRefusedNamingItAndNothingIsWritten() throws Exception {
        String realId = realBackup();
        List<String> folderBefore = everythingUnder(folder);
        Map<String, TarArchiveEntry> attacks = Map.of(
                "has a '..' segment", ForgedBackup.entry(inFolder("../../outside/sentinel"), TarConstants.LF_NORMAL, null),
                "is an absolute path", ForgedBackup.entry(sentinel.toString(), TarConstants.LF_NORMAL, null),
                "is a symbolic link (to /etc)", ForgedBackup.entry(inFolder("etc"), TarConstants.LF_SYMLINK, "/etc"),
                "is a hard link (to etc/shadow)", ForgedBackup.entry(inFolder("shadow"), TarConstants.LF_LINK, "etc/shadow"),
                "is a character device", ForgedBackup.entry(inFolder("mem"), TarConstants.LF_CHR, null),
                "is a block device", ForgedBackup.entry(inFolder("sda"), TarConstants.LF_BLK, null),
                "is a FIFO", ForgedBackup.entry(inFolder("pipe"), TarConstants.LF_FIFO, null));
        int n = 0;
        for (Map.Entry<String, TarArchiveEntry> attack : attacks.entrySet()) {
            String id = forged(realId, "20990101T000000Z-a" + n++, tarWith(attack.getValue()));
            String intoDatabase = database + "_attack" + n;
            databases.add(intoDatabase);
            Path target = tmp.resolve("restored-" + n);
            for (List<String> where : List.of(List.of("--folders-into", target.toString()), List.of("--in-place"))) {
                List<String> args = new ArrayList<>(List.of("--backup", id, "--into-database", intoDatabase));
                args.addAll(where);
                MooringCli.Result restore = backup("restore", args.toArray(String[]::new));
                assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
                assertThat(restore.stderr()).as(attack.getKey()).contains("backup " + id + " is refused, nothing was restored: entry ")
                        .contains(" of backup " + id + " " + attack.getKey()).doesNotContain("\tat ");
                assertThat(target).as("the restore's folder is never made").doesNotExist();
                assertThat(everythingUnder(folder)).as("the original folder is untouched").isEqualTo(folderBefore);
                assertThat(Files.readString(sentinel)).isEqualTo("untouched\n");
                assertThat(TestPostgres.exists(intoDatabase)).as("the dump is not restored either").isFalse();
            }
        }
    }

    @Test
    void anInPlaceRestoreNeverWritesThroughALinkPlantedInTheFolder() throws Exception {
        String realId = realBackup();
        Files.createSymbolicLink(folder.resolve("planted"), sentinel.getParent());
        String id = forged(realId, "20990101T000000Z-b1", tarWith(ForgedBackup.entry(inFolder("planted/sentinel"), TarConstants.LF_NORMAL, null)));
        MooringCli.Result restore = backup("restore", "--backup", id, "--in-place");
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("entry " + inFolder("planted/sentinel") + " of backup " + id
                + " would be written through the symbolic link " + folder.resolve("planted"));
        assertThat(Files.readString(sentinel)).isEqualTo("untouched\n");
        assertThat(folder.resolve("good.conf")).doesNotExist();
    }

    @Test
    void anArchiveEntryOutsideTheFoldersTheTenantNamesIsRefused() throws Exception {
        String realId = realBackup();
        String id = forged(realId, "20990101T000000Z-c1", tarWith(ForgedBackup.entry(sentinel.toString().substring(1), TarConstants.LF_NORMAL, null)));
        MooringCli.Result restore = backup("restore", "--backup", id, "--in-place");
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("entry " + sentinel.toString().substring(1) + " of backup " + id
                + " is outside the folders both its manifest and the tenant's x-mooring.backup.folders name [" + folder + "]");
        assertThat(Files.readString(sentinel)).isEqualTo("untouched\n");
    }

    @Test
    void anOversizedManifestIsRefusedWithItsSizeAndTheCapBeforeItIsParsed() throws Exception {
        String id = "20990101T000000Z-d1";
        byte[] huge = new byte[Manifest.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        forged.put(key(id, Manifest.FILE), huge);
        MooringCli.Result restore = backup("restore", "--backup", id, "--folders-into", tmp.resolve("never").toString());
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains(key(id, Manifest.FILE) + " is " + huge.length + " bytes, over the 1048576-byte cap on a manifest");
        assertThat(backup("list").stdout()).doesNotContain(id);
    }

    @Test
    void anUnencryptedBackupIsRefusedOnceTheTenantSetsAgeRecipients() throws Exception {
        String id = realBackup();
        Process keygen = new ProcessBuilder("age-keygen", "-o", tmp.resolve("age-key.txt").toString()).redirectErrorStream(true).start();
        String recipient = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceFirst("(?s).*(age1\\S+).*", "$1");
        assertThat(keygen.waitFor()).isZero();
        commit(folder, "    age_recipients: [" + recipient + "]");
        String intoDatabase = database + "_downgrade";
        databases.add(intoDatabase);
        MooringCli.Result restore = backup("restore", "--backup", id, "--into-database", intoDatabase,
                "--folders-into", tmp.resolve("never").toString());
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("backup " + id + " is not encrypted, but tenant " + tenant
                + " sets x-mooring.backup.age_recipients: an unencrypted backup of it is refused (no downgrade); nothing was restored");
        assertThat(TestPostgres.exists(intoDatabase)).isFalse();
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void aBackupFolderThatIsALinkOrIsReachedThroughOneIsRefusedAtBackupTime() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("allowed/custom-link"), folder);
        commit(link, "");
        MooringCli.Result direct = backup("run");
        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(1);
        assertThat(direct.stderr()).contains("backup folder " + link + " is refused: it is a symbolic link, and a backup never follows links");

        Path parentLink = Files.createSymbolicLink(tmp.resolve("allowed/parent-link"), folder.getParent());
        commit(parentLink.resolve("asterisk-custom"), "");
        MooringCli.Result through = backup("run");
        assertThat(through.exitCode()).as(through.toString()).isEqualTo(1);
        assertThat(through.stderr()).contains("backup folder " + parentLink.resolve("asterisk-custom") + " is refused: " + parentLink
                + " is a symbolic link");
        assertThat(backup("list").stdout()).isBlank();
    }

    @Test
    void aConnectionStringInPostgresDatabaseIsRefusedAtItsLineAndNothingIsDumped() throws Exception {
        // pg_dump -d takes a connection string: this one would dump a database the tenant does not name, on a host of its choosing.
        commit(folder, "");
        repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars:\n    postgres_host: 127.0.0.1\n"
                + "    postgres_database: \"host=127.0.0.1 dbname=postgres user=postgres\"\n    postgres_user: postgres\n");
        repo.commit("a conninfo string as the database name");
        MooringCli.Result run = backup("run");
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stderr()).contains("instances/" + tenant + "/inventory.yml:6:")
                .contains("postgres_database 'host=127.0.0.1 dbname=postgres user=postgres' must be a plain database name")
                .contains("a connection string is not accepted").doesNotContain("\tat ");
        assertThat(backup("list").stdout()).as("nothing was stored").isBlank();
    }

    @Test
    void aRestoreThatDoesNotSayWhereFoldersGoIsAUsageError() throws Exception {
        MooringCli.Result neither = backup("restore", "--backup", "20990101T000000Z-e1");
        assertThat(neither.exitCode()).as(neither.toString()).isEqualTo(2);
        assertThat(neither.stderr()).contains("say where the folders go, either --folders-into DIR (a new or empty folder) or --in-place"
                + " (over their original paths); neither was given");
        MooringCli.Result both = backup("restore", "--backup", "20990101T000000Z-e1", "--in-place", "--folders-into", tmp.toString());
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
        assertThat(both.stderr()).contains("not both");
        MooringCli.Result help = MooringCli.run("backup", "restore", "--help");
        assertThat(help.stdout()).contains("--in-place").contains("--folders-into");
    }

    @Test
    void aGoodRestoreKeepsModesAndOwnersAndSkipsLinks() throws Exception {
        Path script = Files.writeString(folder.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path secret = folder.resolve("extensions_custom.conf");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path sub = Files.createDirectories(folder.resolve("sub"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx--x---"));
        Files.setAttribute(secret, "unix:uid", 4321, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(secret, "unix:gid", 4322, LinkOption.NOFOLLOW_LINKS);
        Files.createSymbolicLink(folder.resolve("to-outside"), sentinel);
        String id = realBackup();

        Path into = tmp.resolve("restored");
        MooringCli.Result restore = backup("restore", "--backup", id, "--into-database", database + "_good", "--folders-into", into.toString());
        databases.add(database + "_good");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        Function<Path, Path> back = p -> into.resolve(p.toString().substring(1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.apply(script)))).isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.apply(secret)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.apply(sub)))).isEqualTo("rwx--x---");
        if (Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            assertThat(Files.getAttribute(back.apply(secret), "unix:uid")).isEqualTo(4321);
            assertThat(Files.getAttribute(back.apply(secret), "unix:gid")).isEqualTo(4322);
        }
        assertThat(back.apply(folder.resolve("to-outside"))).as("a link is skipped, never followed").doesNotExist();
        assertThat(TestPostgres.count(database + "_good", "items")).isEqualTo(10L);

        Files.writeString(script, "changed\n");
        MooringCli.Result inPlace = backup("restore", "--backup", id, "--in-place");
        assertThat(inPlace.exitCode()).as(inPlace.toString()).isZero();
        assertThat(Files.readString(script)).isEqualTo("#!/bin/sh\n");
    }
}
