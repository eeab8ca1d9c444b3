package io.mooring.backup;

import io.mooring.crypto.AgeCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Makes one backup under {@code <prefix>/<tenant>/<node>/}: each object streamed as it is made, then the manifest. */
final class BackupRun {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int COPY_BUFFER = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, ReentrantLock> RUNNING = new ConcurrentHashMap<>();

    private final BackupTarget target;
    private final Clock clock;
    private final String version;
    private final Duration dumpTimeout;

    BackupRun(BackupTarget target, Clock clock, String version, Duration dumpTimeout) {
        this.target = target;
        this.clock = clock;
        this.version = version;
        this.dumpTimeout = dumpTimeout;
    }

    Manifest run(Backups.Job job, String base, CommitCheck check) throws IOException {
        if (job.database().isEmpty() && job.folders().isEmpty()) {
            throw new IllegalArgumentException("tenant " + job.tenant() + " has nothing to back up on node " + job.node()
                    + ": its database is not here and x-mooring.backup names no folders");
        }
        // One backup of a tenant and node at a time in this process (a schedule and an upgrade may meet): each run
        // starts by clearing what looks like a killed run's leftovers, which a run under way would be.
        ReentrantLock lock = RUNNING.computeIfAbsent(target.describe() + " " + base, k -> new ReentrantLock());
        lock.lock();
        try {
            return runAlone(job, base, check);
        } finally {
            lock.unlock();
        }
    }

    private Manifest runAlone(Backups.Job job, String base, CommitCheck check) throws IOException {
        removeLeftovers(base);
        String id = ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(2));
        List<Manifest.Item> items = new ArrayList<>();
        Map<String, String> tools = new TreeMap<>();
        tools.put("mooring", version);
        if (job.database().isPresent()) {
            PgConnection database = job.database().get();
            tools.put("pg_dump", PgTools.version());
            items.add(store(job, base + id + "/database.dump", "database", "pg_dump -Fc of " + database, out -> {
                try (PgTools.Dump dump = PgTools.dump(database, job.compression(), dumpTimeout)) {
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
        refuseUnless(check, job, id, items);
        Manifest manifest = new Manifest(Manifest.FORMAT, job.tenant(), job.node(), id, job.revision(), clock.instant().toString(),
                job.recipients(), items, tools);
        try (BackupTarget.ObjectUpload upload = target.upload(base + id + "/" + Manifest.FILE)) {
            upload.write(manifest.toJson());
            upload.commit();
        }
        return manifest;
    }

    /** A refused commit leaves no backup: its objects go now (or, if that fails, with the next run's leftovers). */
    private void refuseUnless(CommitCheck check, Backups.Job job, String id, List<Manifest.Item> items) throws IOException {
        java.util.Optional<String> refusal = check.refusal();
        if (refusal.isPresent()) {
            for (Manifest.Item item : items) {
                target.delete(item.key());
            }
            throw new IOException("backup " + id + " of tenant " + job.tenant() + " (node " + job.node() + ") was not committed: "
                    + refusal.get() + "; it has no manifest and is not a backup");
        }
    }

    private interface Producer {
        void write(OutputStream out) throws IOException;
    }

    private Manifest.Item store(Backups.Job job, String key, String name, String source, Producer producer) throws IOException {
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
}
