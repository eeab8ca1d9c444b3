package io.mooring.backup;

import io.mooring.model.BackupSettings;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which backups retention keeps, as restic's forget does: the newest {@code last}; the newest of each of the
 * newest {@code daily} days that have one; the newest of each of the newest {@code weekly} ISO weeks that have
 * one (days and weeks in UTC). Everything else may go. Pure.
 */
public final class BackupRetention {
    private BackupRetention() {
    }

    /** The ids to keep, from backups listed newest first. */
    public static Set<String> keep(List<Manifest> newestFirst, BackupSettings.Retention retention) {
        Set<String> kept = new LinkedHashSet<>();
        newestFirst.stream().limit(Math.max(1, retention.last())).forEach(m -> kept.add(m.id()));
        Set<LocalDate> days = new HashSet<>();
        Set<String> weeks = new HashSet<>();
        for (Manifest backup : newestFirst) {
            LocalDate day = backup.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (days.size() < retention.daily() && days.add(day)) {
                kept.add(backup.id());
            }
            String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            if (weeks.size() < retention.weekly() && weeks.add(week)) {
                kept.add(backup.id());
            }
        }
        return kept;
    }
}
