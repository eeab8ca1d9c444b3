package io.mooring.backup;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads a backup back, every object's size and SHA-256 checked first: a restore, or a verify through a scratch database. */
final class BackupRestore {
    private static final int READ_BUFFER = 64 * 1024;

    private final BackupTarget target;
    private final Duration timeout;

    BackupRestore(BackupTarget target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
    }

    void restore(Manifest backup, PgConnection database, boolean newDatabase, Path foldersRoot, Optional<Path> identity)
            throws IOException {
        List<String> damaged = checkObjects(backup);
        if (!damaged.isEmpty()) {
            throw new IOException("backup " + backup.id() + " is damaged, nothing was restored: " + String.join("; ", damaged));
        }
        for (Manifest.Item item : backup.objects()) {
            try (InputStream in = open(backup, item, identity)) {
                if (item.name().equals("database")) {
                    if (newDatabase) {
                        PgTools.createDatabase(database, database.database(), timeout);
                    }
                    PgTools.restore(database, database.database(), in, !newDatabase, timeout);
                } else if (item.name().equals("folders")) {
                    FolderArchive.extract(in, foldersRoot);
                }
            }
        }
    }

    Backups.Verification verify(Manifest backup, PgConnection server, Optional<Path> identity) throws IOException {
        List<String> problems = new ArrayList<>(checkObjects(backup));
        Optional<Manifest.Item> dump = backup.objects().stream().filter(i -> i.name().equals("database")).findFirst();
        if (problems.isEmpty() && dump.isPresent()) {
            if (backup.encrypted() && identity.isEmpty()) {
                problems.add("the dump is encrypted: give the age identity (--age-identity) to restore it into a scratch database");
            } else {
                String scratch = "mooring_verify_" + backup.id().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
                try {
                    PgTools.dropDatabase(server, scratch, timeout);
                    PgTools.createDatabase(server, scratch, timeout);
                    try (InputStream in = open(backup, dump.get(), identity)) {
                        PgTools.restore(server, scratch, in, false, timeout);
                    }
                } catch (IOException e) {
                    problems.add("the dump does not restore: " + e.getMessage());
                } finally {
                    try {
                        PgTools.dropDatabase(server, scratch, timeout);
                    } catch (IOException e) {
                        problems.add("the scratch database " + scratch + " could not be dropped: " + e.getMessage());
                    }
                }
            }
        }
        return new Backups.Verification(backup, problems);
    }

    private List<String> checkObjects(Manifest backup) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Manifest.Item item : backup.objects()) {
            MessageDigest sha256 = HashingOutputStream.newSha256();
            long bytes = 0;
            try (InputStream in = target.read(item.key())) {
                byte[] buffer = new byte[READ_BUFFER];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha256.update(buffer, 0, n);
                    bytes += n;
                }
            } catch (FileNotFoundException e) {
                problems.add(item.key() + " is missing");
                continue;
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (bytes != item.bytes() || !actual.equals(item.sha256())) {
                problems.add(item.key() + " is " + bytes + " bytes with SHA-256 " + actual + "; the manifest says " + item.bytes()
                        + " bytes with SHA-256 " + item.sha256());
            }
        }
        return problems;
    }

    private InputStream open(Manifest backup, Manifest.Item item, Optional<Path> identity) throws IOException {
        InputStream in = target.read(item.key());
        if (!backup.encrypted()) {
            return in;
        }
        if (identity.isEmpty()) {
            in.close();
            throw new IOException("backup " + backup.id() + " is encrypted: give the age identity (--age-identity)");
        }
        return AgeCrypto.decrypting(in, identity.get());
    }
}
