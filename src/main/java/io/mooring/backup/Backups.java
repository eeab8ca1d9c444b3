package io.mooring.backup;

import io.mooring.model.BackupSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's backups on one node, in a target: {@code <prefix>/<tenant>/<node>/<id>/} holds the database dump
 * and the folders' archive, streamed as they are made (encrypted to age recipients when asked), and then the
 * manifest with each object's size and SHA-256. Only a backup with a manifest exists: a failed dump or an
 * interrupted upload lists nothing, and what it left is removed by the next run. Restores and verifies check
 * every object's SHA-256 before using it.
 * <p>Making a backup is {@link BackupRun}'s, reading one back {@link BackupRestore}'s; what there is, and
 * removing what retention does not keep, is here.
 */
public final class Backups implements AutoCloseable {
    private final BackupTarget target;
    private final String prefix;
    private final BackupRun runs;
    private final BackupRestore restores;

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

    /**
     * Where a restore puts things: the dump into {@code database} (created first when {@code newDatabase}); the folders
     * under {@code foldersInto} (a new or empty folder) or, when it is empty, over their original paths, and only those of
     * the tenant's current {@code folders}; {@code recipients} are the tenant's current age recipients (then only an
     * encrypted backup is restored); {@code identity} decrypts.
     */
    public record Restore(PgConnection database, boolean newDatabase, Optional<Path> foldersInto, List<String> folders,
                          List<String> recipients, Optional<Path> identity) {
        public Restore {
            folders = List.copyOf(folders);
            recipients = List.copyOf(recipients);
        }
    }

    /** What verify found about one backup: nothing when it is whole and its dump restores. */
    public record Verification(Manifest backup, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** How long pg_dump or pg_restore may run when the agent's configuration does not say (backup.dumpTimeout). */
    public static final Duration DEFAULT_DUMP_TIMEOUT = PgTools.DEFAULT_TIMEOUT;

    public Backups(BackupTarget target, String prefix, Clock clock) {
        this(target, prefix, clock, DEFAULT_DUMP_TIMEOUT);
    }

    /** {@code dumpTimeout}: how long pg_dump, pg_restore, createdb or dropdb may run before it is killed. */
    public Backups(BackupTarget target, String prefix, Clock clock, Duration dumpTimeout) {
        this.target = target;
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String version = Optional.ofNullable(Backups.class.getPackage().getImplementationVersion()).orElse("development");
        this.runs = new BackupRun(target, clock, version, dumpTimeout);
        this.restores = new BackupRestore(target, dumpTimeout);
    }

    private String base(String tenant, String node) {
        return prefix + "/" + tenant + "/" + node + "/";
    }

    /** Makes one backup, manifest last; a failure leaves nothing that lists, and aborts its uploads. */
    public Manifest run(Job job) throws IOException {
        return run(job, CommitCheck.ALWAYS);
    }

    /** Makes one backup whose manifest is written only if {@code check} lets it, asked right before. */
    public Manifest run(Job job, CommitCheck check) throws IOException {
        return runs.run(job, base(job.tenant(), job.node()), check);
    }

    /** The tenant's complete backups on the node, newest first. A manifest that cannot be read is left out. */
    public List<Manifest> list(String tenant, String node) throws IOException {
        List<Manifest> backups = new ArrayList<>();
        for (String key : target.keys(base(tenant, node))) {
            if (key.endsWith("/" + Manifest.FILE)) {
                try {
                    backups.add(readManifest(key));
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
        try {
            return owned(readManifest(base(tenant, node) + id + "/" + Manifest.FILE), base(tenant, node) + id + "/");
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("no complete backup " + id + " of tenant " + tenant + " from node " + node + " in "
                    + target.describe() + "; `mooring backup list` prints the ones there are", e);
        }
    }

    /** Read with a cap before it is parsed: whoever can write the bucket could make it any size. */
    private Manifest readManifest(String key) throws IOException {
        try (InputStream in = target.read(key)) {
            byte[] json = in.readNBytes(Manifest.MAX_BYTES + 1);
            if (json.length > Manifest.MAX_BYTES) {
                long size = json.length + in.transferTo(OutputStream.nullOutputStream());
                throw new IllegalArgumentException(key + " is " + size + " bytes, over the " + Manifest.MAX_BYTES
                        + "-byte cap on a manifest; it is not read");
            }
            return Manifest.parse(json);
        }
    }

    /** A manifest whose objects lie outside its own backup (another tenant's, say) is not this backup's. */
    private static Manifest owned(Manifest manifest, String folder) {
        if (!folder.endsWith("/" + manifest.id() + "/")) {
            throw new IllegalArgumentException("the manifest in " + folder + " says it is of backup " + manifest.id() + "; it is not restored");
        }
        for (Manifest.Item item : manifest.objects()) {
            if (item.key() == null || !item.key().startsWith(folder) || item.key().contains("/../")) {
                throw new IllegalArgumentException("the manifest of backup " + manifest.id() + " names the object " + item.key()
                        + ", outside " + folder + "; it is not restored");
            }
        }
        return manifest;
    }

    /**
     * Restores a backup after checking every object's SHA-256 and every entry of its folders archive, so that a
     * refused backup writes nothing; see {@link Restore} for where things go.
     */
    public void restore(Manifest backup, Restore request) throws IOException {
        restores.restore(backup, request);
    }

    /**
     * Re-reads every object and checks its size and SHA-256 against the manifest, then restores the dump into a
     * scratch database on {@code server}, which is dropped afterwards.
     */
    public Verification verify(Manifest backup, PgConnection server, Optional<Path> identity) throws IOException {
        return restores.verify(backup, server, identity);
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
