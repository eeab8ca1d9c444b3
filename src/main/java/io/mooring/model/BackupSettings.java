package io.mooring.model;

import java.util.List;

/**
 * A tenant's backups, from the top-level {@code x-mooring.backup} block of its components.yml: whether its
 * PostgreSQL is dumped, which host folders are archived, the age recipients the backup is encrypted to
 * (none: not encrypted), what retention keeps, when the agent backs up (a cron expression; empty: only on
 * demand), whether an upgrade waits for a backup first, and pg_dump's compression level (0-9; -1: pg_dump's own).
 */
public record BackupSettings(boolean database, List<String> folders, List<String> ageRecipients, Retention retention, String schedule,
                             boolean beforeUpgrade, int compression) {
    public static final BackupSettings DEFAULT = new BackupSettings(true, List.of(), List.of(), Retention.DEFAULT, "", false, -1);

    public BackupSettings {
        folders = List.copyOf(folders);
        ageRecipients = List.copyOf(ageRecipients);
    }

    /** Keep the newest {@code last} backups, the newest of each of the last {@code daily} days and {@code weekly} weeks. */
    public record Retention(int last, int daily, int weekly) {
        public static final Retention DEFAULT = new Retention(7, 7, 4);
    }
}
