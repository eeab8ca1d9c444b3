package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final ZonedDateTime MONDAY_NOON = ZonedDateTime.parse("2026-11-23T12:00:30Z");

    private static String next(String cron, ZonedDateTime after) {
        return CronSchedule.parse(cron).next(after).orElseThrow().toOffsetDateTime().toString();
    }

    @Test
    void findsTheNextMinuteTheScheduleNames() {
        assertThat(next("30 2 * * *", MONDAY_NOON)).isEqualTo("2026-11-24T02:30Z");
        assertThat(next("*/15 * * * *", MONDAY_NOON)).isEqualTo("2026-11-23T12:15Z");
        assertThat(next("0 3 * * 0", MONDAY_NOON)).as("Sunday").isEqualTo("2026-11-29T03:00Z");
        assertThat(next("0 3 * * 7", MONDAY_NOON)).as("7 is Sunday too").isEqualTo("2026-11-29T03:00Z");
        assertThat(next("0 0 1 * *", MONDAY_NOON)).isEqualTo("2026-12-01T00:00Z");
        assertThat(next("0 12-14/2 * * 1-5", MONDAY_NOON)).isEqualTo("2026-11-23T14:00Z");
        assertThat(next("@weekly", MONDAY_NOON)).isEqualTo("2026-11-29T00:00Z");
        assertThat(next("0 0 29 2 *", MONDAY_NOON)).as("a leap day").isEqualTo("2028-02-29T00:00Z");
        assertThat(next("0 0 13 * 5", MONDAY_NOON)).as("either day field matches").isEqualTo("2026-11-27T00:00Z");
    }

    @Test
    void takesATimeZone() {
        assertThat(next("30 2 * * * Europe/Madrid", MONDAY_NOON)).isEqualTo("2026-11-24T02:30+01:00");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> CronSchedule.parse("30 2 * *")).hasMessageContaining("is not a cron expression");
        assertThatThrownBy(() -> CronSchedule.parse("61 2 * * *")).hasMessageContaining("minute 61 is outside 0-59");
        assertThatThrownBy(() -> CronSchedule.parse("0 5-2 * * *")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * * Mars/Olympus")).hasMessageContaining("is not a time zone");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * mon")).hasMessageContaining("day of week 'mon' is not a number");
    }
}
