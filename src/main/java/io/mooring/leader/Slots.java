package io.mooring.leader;

import io.mooring.model.CronSchedule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The slot of a schedule that is due: the latest time of the schedule after {@code since} and at or before
 * {@code now}. Every node computes the same slot from the cron expression alone, so the slot names the run for
 * the whole cluster; slots missed while nobody led are not run one by one, only the latest (of the last two days).
 */
public final class Slots {
    /** How many schedule times are stepped over at most (a schedule every minute, for about ten weeks). */
    static final int MAX_STEPS = 100_000;
    /** How far back a slot is still run: slots older than this, missed while nobody led, are left out. */
    public static final java.time.Duration LOOKBACK = java.time.Duration.ofDays(2);

    private Slots() {
    }

    public static Optional<Instant> due(CronSchedule schedule, Instant since, Instant now) {
        Optional<Instant> due = Optional.empty();
        Instant from = since.isBefore(now.minus(LOOKBACK)) ? now.minus(LOOKBACK) : since;
        Optional<Instant> next = schedule.next(from.atZone(ZoneOffset.UTC)).map(t -> t.toInstant());
        for (int step = 0; step < MAX_STEPS && next.isPresent() && !next.get().isAfter(now); step++) {
            due = next;
            next = schedule.next(next.get().atZone(ZoneOffset.UTC)).map(t -> t.toInstant());
        }
        return due;
    }
}
