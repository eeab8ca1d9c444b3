package io.mooring.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.BackupSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupRetentionTest {
    /** Backups at the given UTC times, newest first as list() gives them. */
    private static List<Manifest> backups(String... times) {
        List<Manifest> out = new ArrayList<>();
        for (String time : times) {
            out.add(new Manifest(Manifest.FORMAT, "acme", "app", time, "rev", Instant.parse(time).toString(), List.of(), List.of(), Map.of()));
        }
        out.sort((a, b) -> b.id().compareTo(a.id()));
        return out;
    }

    @Test
    void keepsTheNewestAndTheNewestOfEachDayAndWeek() {
        List<Manifest> all = backups(
                "2026-11-23T03:00:00Z", "2026-11-23T02:00:00Z",   // Monday, week 48
                "2026-11-22T03:00:00Z",                           // Sunday, week 47
                "2026-11-21T03:00:00Z", "2026-11-21T01:00:00Z",   // Saturday, week 47
                "2026-11-14T03:00:00Z",                           // week 46
                "2026-11-07T03:00:00Z");                          // week 45
        assertThat(BackupRetention.keep(all, new BackupSettings.Retention(1, 0, 0))).containsExactly("2026-11-23T03:00:00Z");
        assertThat(BackupRetention.keep(all, new BackupSettings.Retention(2, 0, 0)))
                .containsExactlyInAnyOrder("2026-11-23T03:00:00Z", "2026-11-23T02:00:00Z");
        assertThat(BackupRetention.keep(all, new BackupSettings.Retention(1, 3, 0)))
                .containsExactlyInAnyOrder("2026-11-23T03:00:00Z", "2026-11-22T03:00:00Z", "2026-11-21T03:00:00Z");
        assertThat(BackupRetention.keep(all, new BackupSettings.Retention(1, 0, 3)))
                .containsExactlyInAnyOrder("2026-11-23T03:00:00Z", "2026-11-22T03:00:00Z", "2026-11-14T03:00:00Z");
    }

    @Test
    void alwaysKeepsTheNewest() {
        assertThat(BackupRetention.keep(backups("2026-11-23T03:00:00Z", "2026-11-20T03:00:00Z"), new BackupSettings.Retention(0, 0, 0)))
                .containsExactly("2026-11-23T03:00:00Z");
    }
}
