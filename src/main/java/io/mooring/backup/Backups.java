package io.mooring.backup;

import io.mooring.model.BackupSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
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
        return runs.run(job, base(job.tenant(), job.node()));
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
        restores.restore(backup, database, newDatabase, foldersRoot, identity);
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
