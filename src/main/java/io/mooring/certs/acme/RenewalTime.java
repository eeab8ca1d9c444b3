package io.mooring.certs.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When a certificate valid from {@code notBefore} to {@code notAfter} is renewed, and when a failed renewal is
 * tried again. Pure: the random draws come from the caller.
 *
 * <p>Renewal is due at two thirds of the lifetime plus a jitter, drawn uniformly below a twelfth of the lifetime
 * and at most {@link #MAX_JITTER}, so that the certificates of many hosts issued together are not renewed in the
 * same minute. A failure is tried again after a backoff that doubles with each failure in a row, from a
 * hundredth of the lifetime (at least {@link #MIN_RETRY}, at most {@link #FIRST_RETRY}) up to a twelfth of the
 * lifetime (at most {@link #MAX_RETRY}), plus a jitter of up to a tenth of the backoff.
 */
public record RenewalTime(Instant notBefore, Instant notAfter) {
    public static final Duration MAX_JITTER = Duration.ofHours(6);
    public static final Duration MIN_RETRY = Duration.ofSeconds(1);
    public static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    public static final Duration MAX_RETRY = Duration.ofHours(6);

    public RenewalTime {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("a certificate's notAfter " + notAfter + " is not after its notBefore " + notBefore);
        }
    }

    public Duration lifetime() {
        return Duration.between(notBefore, notAfter);
    }

    /** The time to renew: two thirds of the lifetime plus the jitter, never past {@code notAfter}. */
    public Instant renewAt(RandomGenerator random) {
        Duration lifetime = lifetime();
        Duration jitterBound = min(lifetime.dividedBy(12), MAX_JITTER);
        Instant at = notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)).plus(draw(jitterBound, random));
        return at.isAfter(notAfter) ? notAfter : at;
    }

    /** The time to try again after the {@code failures}-th failure in a row (1 for the first), which ended at {@code failedAt}. */
    public Instant retryAt(Instant failedAt, int failures, RandomGenerator random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, not " + failures);
        }
        Duration lifetime = lifetime();
        Duration first = max(MIN_RETRY, min(lifetime.dividedBy(100), FIRST_RETRY));
        Duration cap = max(first, min(lifetime.dividedBy(12), MAX_RETRY));
        Duration backoff = first;
        for (int i = 1; i < failures && backoff.compareTo(cap) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        backoff = min(backoff, cap);
        return failedAt.plus(backoff).plus(draw(backoff.dividedBy(10), random));
    }

    /** A duration drawn uniformly in [0, bound), in milliseconds; zero for a bound under a millisecond. */
    private static Duration draw(Duration bound, RandomGenerator random) {
        long millis = bound.toMillis();
        return millis <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(millis));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
