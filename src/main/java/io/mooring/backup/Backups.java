package io.mooring.backup;

import io.mooring.model.BackupSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tenant's backups on one node, in a target: {@code <prefix>/<tenant>/<node>/<id>/} holds the database dump
 * and the folders' archive, streamed as they are made (encrypted to age recipients when asked), and then the
 * manifest with each object's size and SHA-256. Only a backup with a manifest exists: a failed dump or an
 * interrupted upload lists nothing, and what it left is removed by the next run. Restores and verifies check
 * every object's SHA-256 before using it.
 */
public final class Backups implements AutoCloseable {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int COPY_BUFFER = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, ReentrantLock> RUNNING = new ConcurrentHashMap<>();

    private final BackupTarget target;
    private final String prefix;
    private final Clock clock;
    private final String version;

    /** What to back up: the database (when the node holds the tenant's), host folders, and the age recipients (none: plain). */
    public record Job(String tenant, String node, String revision, Optional<PgConnection> database, List<String> folders,
                      List<String> recipients, int compression) {
        public Job {
            folders = List.copyOf(folders);
            recipients = List.copyOf(recipients);
        }

        public Job(String tenant, String node, String revision, Optional<PgConnection> database, List<String> folders, List<String> recipients) {
            this(tenant, node, revision, database, folders, recipients, -1);
        }
    }

    /** What verify found about one backup: nothing when it is whole and its dump restores. */
    public record Verification(Manifest backup, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Backups(BackupTarget target, String prefix, Clock clock) {
        this.target = target;
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.clock = clock;
        this.version = Optional.ofNullable(Backups.class.getPackage().getImplementationVersion()).orElse("development");
    }

    private String base(String tenant, String node) {
        return prefix + "/" + tenant + "/" + node + "/";
    }

    /** Makes one backup, manifest last; a failure leaves nothing that lists, and aborts its uploads. */
    public Manifest run(Job job) throws IOException {
        if (job.database().isEmpty() && job.folders().isEmpty()) {
            throw new IllegalArgumentException("tenant " + job.tenant() + " has nothing to back up on node " + job.node()
                    + ": its database is not here and x-mooring.backup names no folders");
        }
        String base = base(job.tenant(), job.node());
        // One backup of a tenant and node at a time in this process (a schedule and an upgrade may meet): each run
        // starts by clearing what looks like a killed run's leftovers, which a run under way would be.
        ReentrantLock lock = RUNNING.computeIfAbsent(target.describe() + " " + base, k -> new ReentrantLock());
        lock.lock();
        try {
            return runAlone(job, base);
        } finally {
            lock.unlock();
        }
    }

    private Manifest runAlone(Job job, String base) throws IOException {
        removeLeftovers(base);
        String id = ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(2));
        List<Manifest.Item> items = new ArrayList<>();
        Map<String, String> tools = new TreeMap<>();
        tools.put("mooring", version);
        if (job.database().isPresent()) {
            PgConnection database = job.database().get();
            tools.put("pg_dump", PgTools.version());
            items.add(store(job, base + id + "/database.dump", "database", "pg_dump -Fc of " + database, out -> {
                try (PgTools.Dump dump = PgTools.dump(database, job.compression())) {
                    copy(dump.output(), out, "dump-started");
                    dump.finish();
                }
            }));
        }
        if (!job.folders().isEmpty()) {
            items.add(store(job, base + id + "/folders.tar", "folders", String.join(", ", job.folders()),
                    out -> FolderArchive.write(job.folders(), out)));
        }
        BackupFaults.after("objects-stored");
        // Another process (mooring backup run beside the agent) may have cleared this run's objects as leftovers.
        Set<String> stored = Set.copyOf(target.keys(base + id + "/"));
        for (Manifest.Item item : items) {
            if (!stored.contains(item.key())) {
                throw new IOException(item.key() + " is gone from " + target.describe() + " before the manifest was written: another"
                        + " backup of tenant " + job.tenant() + " on node " + job.node() + " ran at the same time and removed it as a"
                        + " leftover; this backup is not listed");
            }
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, job.tenant(), job.node(), id, job.revision(), clock.instant().toString(),
                job.recipients(), items, tools);
        try (BackupTarget.ObjectUpload upload = target.upload(base + id + "/" + Manifest.FILE)) {
            upload.write(manifest.toJson());
            upload.commit();
        }
        return manifest;
    }

    private interface Producer {
        void write(OutputStream out) throws IOException;
    }

    private Manifest.Item store(Job job, String key, String name, String source, Producer producer) throws IOException {
        boolean encrypt = !job.recipients().isEmpty();
        String stored = encrypt ? key + ".age" : key;
        try (BackupTarget.ObjectUpload upload = target.upload(stored)) {
            HashingOutputStream hashed = new HashingOutputStream(upload);
            OutputStream sink = encrypt ? AgeCrypto.encrypting(hashed, job.recipients()) : hashed;
            producer.write(sink);
            sink.close();
            upload.commit();
            return new Manifest.Item(name, stored, hashed.bytes(), hashed.sha256(), source);
        }
    }

    private static void copy(InputStream in, OutputStream out, String crashPoint) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        boolean first = true;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (first) {
                BackupFaults.after(crashPoint);
                first = false;
            }
        }
    }

    /** What killed runs left: incomplete uploads, and objects of backups that never got their manifest. */
    private void removeLeftovers(String base) throws IOException {
        target.clean(base);
        Map<String, List<String>> byBackup = new LinkedHashMap<>();
        for (String key : target.keys(base)) {
            String rest = key.substring(base.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                byBackup.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(key);
            }
        }
        for (List<String> keys : byBackup.values()) {
            if (keys.stream().noneMatch(k -> k.endsWith("/" + Manifest.FILE))) {
                for (String key : keys) {
                    target.delete(key);
                }
            }
        }
    }

    /** The tenant's complete backups on the node, newest first. A manifest that cannot be read is left out. */
    public List<Manifest> list(String tenant, String node) throws IOException {
        List<Manifest> backups = new ArrayList<>();
        for (String key : target.keys(base(tenant, node))) {
            if (key.endsWith("/" + Manifest.FILE)) {
                try (InputStream in = target.read(key)) {
                    backups.add(Manifest.parse(in.readAllBytes()));
                } catch (IllegalArgumentException | FileNotFoundException e) {
                    // an unreadable manifest is no backup; verify names it when asked for that id
                }
            }
        }
        backups.sort(Comparator.comparing(Manifest::id).reversed());
        return backups;
    }

    /** One complete backup, or an error naming the id and where to find the others. */
    public Manifest find(String tenant, String node, String id) throws IOException {
        if (!id.matches("[0-9A-Za-z-]{1,64}")) {
            throw new IllegalArgumentException("'" + id + "' is not a backup id; `mooring backup list` prints them first on each line");
        }
        try (InputStream in = target.read(base(tenant, node) + id + "/" + Manifest.FILE)) {
            return Manifest.parse(in.readAllBytes());
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("no complete backup " + id + " of tenant " + tenant + " from node " + node + " in "
                    + target.describe() + "; `mooring backup list` prints the ones there are", e);
        }
    }

    /**
     * Restores a backup after checking every object's SHA-256: the dump into {@code database} (created first, and
     * restored as one transaction) or, when that is the tenant's own database, over what is there; the folders
     * under {@code foldersRoot} ("/" for where they came from). Encrypted objects need {@code identity}.
     */
    public void restore(Manifest backup, PgConnection database, boolean newDatabase, Path foldersRoot, Optional<Path> identity)
            throws IOException {
        List<String> damaged = checkObjects(backup);
        if (!damaged.isEmpty()) {
            throw new IOException("backup " + backup.id() + " is damaged, nothing was restored: " + String.join("; ", damaged));
        }
        for (Manifest.Item item : backup.objects()) {
            try (InputStream in = open(backup, item, identity)) {
                if (item.name().equals("database")) {
                    if (newDatabase) {
                        PgTools.createDatabase(database, database.database());
                    }
                    PgTools.restore(database, database.database(), in, !newDatabase);
                } else if (item.name().equals("folders")) {
                    FolderArchive.extract(in, foldersRoot);
                }
            }
        }
    }

    /**
     * Re-reads every object and checks its size and SHA-256 against the manifest, then restores the dump into a
     * scratch database on {@code server}, which is dropped afterwards.
     */
    public Verification verify(Manifest backup, PgConnection server, Optional<Path> identity) throws IOException {
        List<String> problems = new ArrayList<>(checkObjects(backup));
        Optional<Manifest.Item> dump = backup.objects().stream().filter(i -> i.name().equals("database")).findFirst();
        if (problems.isEmpty() && dump.isPresent()) {
            if (backup.encrypted() && identity.isEmpty()) {
                problems.add("the dump is encrypted: give the age identity (--age-identity) to restore it into a scratch database");
            } else {
                String scratch = "mooring_verify_" + backup.id().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
                try {
                    PgTools.dropDatabase(server, scratch);
                    PgTools.createDatabase(server, scratch);
                    try (InputStream in = open(backup, dump.get(), identity)) {
                        PgTools.restore(server, scratch, in, false);
                    }
                } catch (IOException e) {
                    problems.add("the dump does not restore: " + e.getMessage());
                } finally {
                    try {
                        PgTools.dropDatabase(server, scratch);
                    } catch (IOException e) {
                        problems.add("the scratch database " + scratch + " could not be dropped: " + e.getMessage());
                    }
                }
            }
        }
        return new Verification(backup, problems);
    }

    private List<String> checkObjects(Manifest backup) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Manifest.Item item : backup.objects()) {
            MessageDigest sha256 = HashingOutputStream.newSha256();
            long bytes = 0;
            try (InputStream in = target.read(item.key())) {
                byte[] buffer = new byte[COPY_BUFFER];
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

    /** Removes the backups retention does not keep, each manifest first (so that a half-removed backup no longer lists). */
    public List<Manifest> prune(String tenant, String node, BackupSettings.Retention retention) throws IOException {
        List<Manifest> backups = list(tenant, node);
        Set<String> kept = BackupRetention.keep(backups, retention);
        List<Manifest> removed = new ArrayList<>();
        for (Manifest backup : backups) {
            if (!kept.contains(backup.id())) {
                target.delete(base(tenant, node) + backup.id() + "/" + Manifest.FILE);
                for (Manifest.Item item : backup.objects()) {
                    target.delete(item.key());
                }
                removed.add(backup);
            }
        }
        return removed;
    }

    public String where() {
        return target.describe();
    }

    @Override
    public void close() {
        target.close();
    }
}
