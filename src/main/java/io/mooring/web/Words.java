package io.mooring.web;

import io.mooring.model.PassStatus;
import java.time.Duration;
import java.time.Instant;

/** The short words the status page shows: a pass's end as a state, its colour's class, ages and short identifiers. */
public final class Words {
    private Words() {
    }

    /** How a tenant stands from its last pass's status ({@link PassStatus}'s name); empty or unknown: no pass yet. */
    public static String state(String status) {
        PassStatus known = parse(status);
        if (known == null) {
            return status == null || status.isEmpty() ? "no pass yet" : status.toLowerCase(java.util.Locale.ROOT);
        }
        return known == PassStatus.INTERNAL ? "internal error" : known.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The colour class of that state: ok, bad (a person looks at it), warn (it waits or differs), none. */
    public static String tone(String status) {
        PassStatus known = parse(status);
        if (known == null) {
            return "none";
        }
        return switch (known) {
            case CONVERGED -> "ok";
            case FAILED, INTERNAL, INVALID, REFUSED, HELD -> "bad";
            case UNAVAILABLE, DEFERRED, DRIFTED -> "warn";
        };
    }

    /** How long ago {@code at} was at {@code now}: 42s, 5m, 3h 5m, 2d 4h; "never" when null. */
    public static String age(Instant at, Instant now) {
        return at == null ? "never" : span(Duration.between(at, now)) + " ago";
    }

    /** How long until {@code at}: "in 89d 2h", or "expired 3h ago" once past; "-" when null. */
    public static String until(Instant at, Instant now) {
        if (at == null) {
            return "-";
        }
        Duration left = Duration.between(now, at);
        return left.isNegative() ? "expired " + span(left.negated()) + " ago" : "in " + span(left);
    }

    /** A duration in its two largest units, never negative. */
    public static String span(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }

    /** A commit's first twelve characters; "-" for none. */
    public static String shortId(String revision) {
        if (revision == null || revision.isEmpty()) {
            return "-";
        }
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    private static PassStatus parse(String status) {
        try {
            return status == null || status.isEmpty() ? null : PassStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
