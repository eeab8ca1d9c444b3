package io.mooring.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose's value syntaxes once filled in: byte sizes (512m, 1gb), durations (1m30s) and CPU counts (0.5). */
public final class ComposeUnits {
    private static final Pattern BYTES = Pattern.compile("(\\d{1,15})(?:\\.(\\d{1,3}))?\\s*([bkmg]?)b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(us|ms|s|m|h)");

    private ComposeUnits() {
    }

    /** Bytes from {@code 1024}, {@code 64k}, {@code 512m}, {@code 2g} or {@code 1gb}; at most a tebibyte. */
    public static long bytes(String text) {
        Matcher m = BYTES.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + shorten(text) + "' is not a size such as 1024, 64k, 512m or 2g");
        }
        int shift = switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        BigDecimal value = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : "." + m.group(2))).multiply(BigDecimal.valueOf(1L << shift));
        if (value.compareTo(BigDecimal.valueOf(1L << 40)) > 0) {
            throw new IllegalArgumentException("'" + shorten(text) + "' is more than a tebibyte");
        }
        return value.longValue();
    }

    /** A duration such as 10s, 1m30s or 500ms; at most a day. */
    public static Duration duration(String text) {
        Matcher part = DURATION_PART.matcher(text.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "us" -> Duration.ofNanos(n * 1000);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = part.end();
        }
        if (end == 0 || end != text.strip().length()) {
            throw new IllegalArgumentException("'" + shorten(text) + "' is not a duration like 10s, 1m30s or 500ms");
        }
        if (total.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("'" + shorten(text) + "' is longer than a day");
        }
        return total;
    }

    /** CPUs as the engine counts them, in billionths: {@code 0.5} is 500000000; from 0.01 to 1024. */
    public static long nanoCpus(String text) {
        try {
            BigDecimal cpus = new BigDecimal(text.strip());
            if (cpus.compareTo(new BigDecimal("0.01")) >= 0 && cpus.compareTo(BigDecimal.valueOf(1024)) <= 0) {
                return cpus.movePointRight(9).longValue();
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + shorten(text) + "' is not a number of CPUs from 0.01 to 1024, such as 0.5 or 2");
    }

    /** A whole number from {@code min} to {@code max}. */
    public static long whole(String text, long min, long max) {
        String t = text.strip();
        if (t.matches("-?\\d{1,18}")) {
            long n = Long.parseLong(t);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw new IllegalArgumentException("'" + shorten(text) + "' is not a whole number from " + min + " to " + max);
    }

    /** true or false as YAML writes them. */
    public static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + shorten(text) + "' is not true or false");
        };
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
