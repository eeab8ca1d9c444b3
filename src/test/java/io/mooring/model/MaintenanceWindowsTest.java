package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaintenanceWindowsTest {
    @Test
    void opensOnTheGivenDaysAndHoursInTheGivenZone() {
        MaintenanceWindows w = MaintenanceWindows.parse("Sat,Sun 02:00-05:00 Europe/Madrid");
        // 2026-11-21 is a Saturday; Madrid is UTC+1 in November.
        assertThat(w.isOpen(Instant.parse("2026-11-21T01:30:00Z"))).isTrue();
        assertThat(w.isOpen(Instant.parse("2026-11-21T04:00:00Z"))).isFalse();
        assertThat(w.isOpen(Instant.parse("2026-11-20T01:30:00Z"))).as("Friday").isFalse();
        assertThat(w.nextOpening(Instant.parse("2026-11-20T12:00:00Z"))).contains(Instant.parse("2026-11-21T01:00:00Z"));
    }

    @Test
    void aRangePastMidnightBelongsToTheDayItStarts() {
        MaintenanceWindows w = MaintenanceWindows.parse("Fri 23:00-01:00");
        assertThat(w.isOpen(Instant.parse("2026-11-20T23:30:00Z"))).isTrue();
        assertThat(w.isOpen(Instant.parse("2026-11-21T00:30:00Z"))).as("Saturday 00:30 is Friday's window").isTrue();
        assertThat(w.isOpen(Instant.parse("2026-11-22T00:30:00Z"))).isFalse();
    }

    @Test
    void unsetIsAlwaysOpenAndDailyAndRangesOfDaysWork() {
        assertThat(MaintenanceWindows.parse(null).isOpen(Instant.now())).isTrue();
        assertThat(MaintenanceWindows.parse("daily 03:00-04:00; Mon-Wed 12:00-13:00").toString())
                .isEqualTo("daily 03:00-04:00 UTC; Mon,Tue,Wed 12:00-13:00 UTC");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> MaintenanceWindows.parse("weekends")).hasMessageContaining("is not a window like");
        assertThatThrownBy(() -> MaintenanceWindows.parse("Sat 25:00-26:00")).hasMessageContaining("is not a time of day");
        assertThatThrownBy(() -> MaintenanceWindows.parse("Sat 02:00-03:00 Mars/Olympus")).hasMessageContaining("is not a time zone");
        assertThatThrownBy(() -> MaintenanceWindows.parse("Caturday 02:00-03:00")).hasMessageContaining("is not a day");
    }
}
