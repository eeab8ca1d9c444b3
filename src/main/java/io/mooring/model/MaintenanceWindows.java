package io.mooring.model;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a tenant accepts changes, from its inventory's {@code mooring_maintenance_window}: windows
 * separated by {@code ;}, each days, a time range and optionally a time zone, such as
 * {@code "Sat,Sun 02:00-05:00 Europe/Madrid; Wed 23:00-01:00 UTC"} or {@code "daily 03:00-04:00"}.
 * A range that ends before it starts runs past midnight into the next day. Unset: always open.
 */
public record MaintenanceWindows(List<Window> windows) {
    public static final String VARIABLE = "mooring_maintenance_window";
    public static final MaintenanceWindows ALWAYS = new MaintenanceWindows(List.of());
    private static final Pattern WINDOW = Pattern.compile(
            "\\s*([A-Za-z]+(?:\\s*[,-]\\s*[A-Za-z]+)*)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?\\s*");

    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
        boolean contains(Instant instant) {
            ZonedDateTime at = instant.atZone(zone);
            LocalTime time = at.toLocalTime();
            if (!from.isAfter(to)) {
                return days.contains(at.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
            }
            // Past midnight: the part before midnight belongs to its day, the part after to the day before.
            return (days.contains(at.getDayOfWeek()) && !time.isBefore(from))
                    || (days.contains(at.getDayOfWeek().minus(1)) && time.isBefore(to));
        }

        @Override
        public String toString() {
            String names = days.size() == 7 ? "daily" : String.join(",", days.stream()
                    .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList());
            return names + " " + from + "-" + to + " " + zone;
        }
    }

    public MaintenanceWindows {
        windows = List.copyOf(windows);
    }

    public static MaintenanceWindows parse(String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        List<Window> windows = new ArrayList<>();
        for (String part : text.split(";")) {
            Matcher m = WINDOW.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a window like \"Sat,Sun 02:00-05:00 Europe/Madrid\""
                        + " or \"daily 03:00-04:00\" (days, a time range, optionally a time zone; windows separated by ;)");
            }
            windows.add(new Window(days(m.group(1)), time(m.group(2)), time(m.group(3)), zone(m.group(4))));
        }
        return new MaintenanceWindows(windows);
    }

    public boolean isOpen(Instant now) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(now));
    }

    /** The next minute at which a window is open, within a week; empty when always open. */
    public Optional<Instant> nextOpening(Instant now) {
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        Instant t = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
        for (int minute = 0; minute < 8 * 24 * 60; minute++, t = t.plusSeconds(60)) {
            if (isOpen(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return windows.isEmpty() ? "always" : String.join("; ", windows.stream().map(Window::toString).toList());
    }

    private static Set<DayOfWeek> days(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (lower.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : lower.split(",")) {
            String[] range = item.split("-");
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + item + "' is not a day or a range of days such as Mon-Fri");
            }
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length == 2 ? day(range[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (text.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a day (Mon, Tue, ... Sun, or daily)");
    }

    private static LocalTime time(String text) {
        String[] parts = text.split(":");
        int hour = Integer.parseInt(parts[0]);
        int minute = Integer.parseInt(parts[1]);
        if (hour > 24 || minute > 59 || (hour == 24 && minute != 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day (00:00 to 24:00)");
        }
        return hour == 24 ? LocalTime.MAX : LocalTime.of(hour, minute);
    }

    private static ZoneId zone(String text) {
        if (text == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone such as UTC or Europe/Madrid");
        }
    }
}
