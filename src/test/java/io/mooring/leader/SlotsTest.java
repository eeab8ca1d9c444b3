package io.mooring.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.CronSchedule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotsTest {
    private final CronSchedule hourly = CronSchedule.parse("0 * * * *");

    @Test
    void theSlotIsTheScheduleTimeNotTheTimeItIsNoticedSoEveryNodeNamesTheSameOne() {
        Instant since = Instant.parse("2026-11-30T02:10:00Z");
        assertThat(Slots.due(hourly, since, Instant.parse("2026-11-30T03:00:29Z"))).contains(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(Slots.due(hourly, Instant.parse("2026-11-30T02:59:59Z"), Instant.parse("2026-11-30T03:00:00Z")))
                .contains(Instant.parse("2026-11-30T03:00:00Z"));
    }

    @Test
    void nothingIsDueBeforeTheNextTimeOfTheSchedule() {
        assertThat(Slots.due(hourly, Instant.parse("2026-11-30T03:00:00Z"), Instant.parse("2026-11-30T03:59:59Z"))).isEmpty();
    }

    @Test
    void slotsMissedWhileNobodyLedAreNotRunOneByOneOnlyTheLatest() {
        assertThat(Slots.due(hourly, Instant.parse("2026-11-30T00:30:00Z"), Instant.parse("2026-11-30T05:12:00Z")))
                .contains(Instant.parse("2026-11-30T05:00:00Z"));
    }

    @Test
    void aScheduleStartedLongAgoLooksBackTwoDaysAtMost() {
        CronSchedule everyMinute = CronSchedule.parse("* * * * *");
        Instant now = Instant.parse("2026-11-30T05:12:30Z");
        assertThat(Slots.due(everyMinute, Instant.parse("2025-01-01T00:00:00Z"), now)).contains(Instant.parse("2026-11-30T05:12:00Z"));
    }
}
