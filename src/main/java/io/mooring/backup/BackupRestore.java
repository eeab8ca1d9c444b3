package io.mooring.backup;

import io.mooring.crypto.AgeCrypto;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a backup back, every object's size and SHA-256 checked first: a restore, or a verify through a scratch database. */
final class BackupRestore {
    private static final String DATABASE = "database";
    private static final String FOLDERS = "folders";

    private final BackupTarget target;
    private final Duration timeout;

    BackupRestore(BackupTarget target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
    }

    /**
     * Restores after every check has passed, so that a refused backup writes nothing: the tenant's encryption setting
     * (no downgrade), each object's size and SHA-256, and each entry of the folders archive against where it may go.
     */
    void restore(Manifest backup, Backups.Restore request) throws IOException {
        refuseDowngrade(backup, request);
        refuseUnusableFolder(request);
        if (backup.encrypted() && request.identity().isEmpty()) {
            throw new IOException("backup " + backup.id() + " is encrypted: give the age identity (--age-identity)");
        }
        ArchiveRules rules = new ArchiveRules(backup.id(), allowedFolders(backup, request.folders()), request.foldersInto());
        List<String> refused = new ArrayList<>();
        List<String> damaged = checkObjects(backup, Optional.of(rules), request.identity(), refused);
        if (!damaged.isEmpty()) {
            throw new IOException("backup " + backup.id() + " is damaged, nothing was restored: " + String.join("; ", damaged));
        }
        if (!refused.isEmpty()) {
            throw new IOException("backup " + backup.id() + " is refused, nothing was restored: " + String.join("; ", refused));
        }
        for (Manifest.Item item : backup.objects()) {
            try (InputStream in = open(backup, item, request.identity())) {
                if (item.name().equals(DATABASE)) {
                    if (request.newDatabase()) {
                        PgTools.createDatabase(request.database(), request.database().database(), timeout);
                    }
                    PgTools.restore(request.database(), request.database().database(), in, !request.newDatabase(), timeout);
                } else if (item.name().equals(FOLDERS)) {
                    FolderRestore.extract(in, rules);
                }
            }
        }
    }

    /** A tenant that encrypts its backups restores only encrypted ones: whoever can write the bucket cannot slip in a plain one. */
    private static void refuseDowngrade(Manifest backup, Backups.Restore request) {
        if (!backup.encrypted() && !request.recipients().isEmpty()) {
            throw new IllegalArgumentException("backup " + backup.id() + " is not encrypted, but tenant " + backup.tenant()
                    + " sets x-mooring.backup.age_recipients: an unencrypted backup of it is refused (no downgrade); nothing was restored");
        }
    }

    private static void refuseUnusableFolder(Backups.Restore request) throws IOException {
        Optional<Path> into = request.foldersInto();
        if (into.isEmpty() || !Files.exists(into.get(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean empty = false;
        if (Files.isDirectory(into.get(), LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> inside = Files.list(into.get())) {
                empty = inside.findAny().isEmpty();
            }
        }
        if (!empty) {
            throw new IllegalArgumentException("the folder to restore into, " + into.get() + ", must be new or an empty folder (not a link);"
                    + " nothing was restored");
        }
    }

    /** The folders the backup's manifest declares that the tenant's configuration still names: the only places a restore writes. */
    private static List<String> allowedFolders(Manifest backup, List<String> current) {
        List<String> now = current.stream().map(ArchiveRules::trimSlash).toList();
        return backup.objects().stream().filter(i -> i.name().equals(FOLDERS)).flatMap(i -> Arrays.stream(i.source().split(", ")))
                .map(ArchiveRules::trimSlash).filter(now::contains).toList();
    }

    Backups.Verification verify(Manifest backup, PgConnection server, Optional<Path> identity) throws IOException {
        List<String> problems = new ArrayList<>(checkObjects(backup, Optional.empty(), identity, new ArrayList<>()));
        Optional<Manifest.Item> dump = backup.objects().stream().filter(i -> i.name().equals(DATABASE)).findFirst();
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

    /**
     * Each object's size and SHA-256 against the manifest; with {@code rules}, the folders archive's entries in the same
     * read, their problems added to {@code refused}.
     */
    private List<String> checkObjects(Manifest backup, Optional<ArchiveRules> rules, Optional<Path> identity, List<String> refused)
            throws IOException {
        List<String> problems = new ArrayList<>();
        for (Manifest.Item item : backup.objects()) {
            List<String> entries = new ArrayList<>();
            HashingInputStream in;
            try {
                in = new HashingInputStream(target.read(item.key()));
            } catch (FileNotFoundException e) {
                problems.add(item.key() + " is missing");
                continue;
            }
            try (in) {
                if (item.name().equals(FOLDERS) && rules.isPresent()) {
                    entries.addAll(checkEntries(backup, in, rules.get(), identity));
                }
                in.drain();
            }
            String actual = in.sha256();
            if (in.bytes() != item.bytes() || !actual.equals(item.sha256())) {
                problems.add(item.key() + " is " + in.bytes() + " bytes with SHA-256 " + actual + "; the manifest says " + item.bytes()
                        + " bytes with SHA-256 " + item.sha256());
            }
            refused.addAll(entries);
        }
        return problems;
    }

    /** An archive that cannot be decrypted or read is refused as a whole, unless its hash already says it is damaged. */
    private static List<String> checkEntries(Manifest backup, InputStream in, ArchiveRules rules, Optional<Path> identity) {
        try {
            InputStream plain = backup.encrypted() ? AgeCrypto.decrypting(in, identity.orElseThrow()) : in;
            return FolderRestore.check(plain, rules);
        } catch (IOException | RuntimeException e) {
            return List.of("its folders archive cannot be read: " + e.getMessage());
        }
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
