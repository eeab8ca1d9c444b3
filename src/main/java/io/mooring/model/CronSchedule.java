package io.mooring.model;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * A cron expression as crontab(5) writes it: minute, hour, day of month, month, day of week (0 or 7 is
 * Sunday), each {@code *}, a number, a range {@code a-b}, a list {@code a,b} or a step {@code *}/n, {@code a-b/n};
 * or {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}. An optional time zone may follow
 * ({@code 30 2 * * * Europe/Madrid}); UTC otherwise. As in cron, when both day fields are restricted a day
 * matching either is a match.
 */
public final class CronSchedule {
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;
    private final ZoneId zone;
    private final String text;

    private CronSchedule(String text, String[] fields, ZoneId zone) {
        this.text = text;
        this.minutes = field(fields[0], 0, 59, "minute");
        this.hours = field(fields[1], 0, 23, "hour");
        this.days = field(fields[2], 1, 31, "day of month");
        this.months = field(fields[3], 1, 12, "month");
        BitSet weekdays = field(fields[4], 0, 7, "day of week");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        this.weekdays = weekdays;
        this.anyDay = fields[2].equals("*");
        this.anyWeekday = fields[4].equals("*");
        this.zone = zone;
    }

    public static CronSchedule parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        String[] words = trimmed.split("\\s+");
        String[] fields;
        int rest;
        switch (words[0]) {
            case "@hourly" -> {
                fields = new String[] {"0", "*", "*", "*", "*"};
                rest = 1;
            }
            case "@daily", "@midnight" -> {
                fields = new String[] {"0", "0", "*", "*", "*"};
                rest = 1;
            }
            case "@weekly" -> {
                fields = new String[] {"0", "0", "*", "*", "0"};
                rest = 1;
            }
            case "@monthly" -> {
                fields = new String[] {"0", "0", "1", "*", "*"};
                rest = 1;
            }
            default -> {
                if (words.length < 5) {
                    throw new IllegalArgumentException("'" + trimmed + "' is not a cron expression: minute hour day-of-month month"
                            + " day-of-week, e.g. \"30 2 * * *\" for 02:30 every day");
                }
                fields = new String[] {words[0], words[1], words[2], words[3], words[4]};
                rest = 5;
            }
        }
        if (words.length > rest + 1) {
            throw new IllegalArgumentException("'" + trimmed + "' has more than five fields and a time zone");
        }
        ZoneId zone = ZoneOffset.UTC;
        if (words.length == rest + 1) {
            try {
                zone = ZoneId.of(words[rest]);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + words[rest] + "' is not a time zone (such as UTC or Europe/Madrid)");
            }
        }
        return new CronSchedule(trimmed, fields, zone);
    }

    private static BitSet field(String text, int min, int max, String what) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, what + " step");
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], min, max, what);
                to = number(ends[1], min, max, what);
                if (from > to) {
                    throw new IllegalArgumentException(what + " range " + range + " runs backwards");
                }
            } else {
                from = number(range, min, max, what);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, String what) {
        if (!text.matches("\\d{1,2}")) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number from " + min + " to " + max);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    /** The first minute strictly after {@code after} that the schedule names; empty if none within 4 years. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZonedDateTime t = after.withZoneSameInstant(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(4);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (anyDay && anyWeekday) {
            return true;
        }
        if (anyDay) {
            return weekday;
        }
        if (anyWeekday) {
            return day;
        }
        return day || weekday;
    }

    @Override
    public String toString() {
        return text;
    }
}
