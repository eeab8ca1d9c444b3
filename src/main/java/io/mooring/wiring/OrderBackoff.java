package io.mooring.wiring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * When a tenant's failed ACME order may be placed again, so that a CA that refuses (a name it cannot reach, a rate limit)
 * is not asked again at every pass: one minute after the first failure in a row, doubling up to an hour, each wait drawn
 * within ±20 % so that the tenants of a node, or the nodes of a fleet, do not ask in step. A success, or an order for
 * other domains (the tenant's fqdn corrected), starts again from nothing. Pure but for its memory: the time and the
 * random draws come from the caller. Kept in memory only: a restarted agent asks at once.
 */
final class OrderBackoff {
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofHours(1);
    /** The spread of each wait, either way: 20 %. */
    static final double JITTER = 0.2;

    private final Map<String, Failed> failed = new ConcurrentHashMap<>();

    /** The last failure of a tenant's order for {@code domains}: how many in a row, until when no order is placed, why. */
    record Failed(List<String> domains, int failures, Instant until, String problem) {
    }

    /** The failure that holds the tenant's order for {@code domains} back at {@code now}; empty: the CA may be asked. */
    Optional<Failed> holding(String tenant, List<String> domains, Instant now) {
        return Optional.ofNullable(failed.get(tenant)).filter(f -> f.domains().equals(domains) && now.isBefore(f.until()));
    }

    /** Records a failed order (ended at {@code now}, {@code problem} in words holding no key) and says when to ask again. */
    Failed failed(String tenant, List<String> domains, String problem, Instant now, RandomGenerator random) {
        Failed before = failed.get(tenant);
        int failures = before != null && before.domains().equals(domains) ? before.failures() + 1 : 1;
        Failed next = new Failed(List.copyOf(domains), failures, now.plus(delay(failures, random)), problem);
        failed.put(tenant, next);
        return next;
    }

    /** The tenant's order succeeded: the next failure waits a minute again. */
    void succeeded(String tenant) {
        failed.remove(tenant);
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first): {@link #FIRST} doubled, at most {@link #MAX}, ±20 %. */
    static Duration delay(int failures, RandomGenerator random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, not " + failures);
        }
        Duration base = FIRST;
        for (int i = 1; i < failures && base.compareTo(MAX) < 0; i++) {
            base = base.multipliedBy(2);
        }
        base = base.compareTo(MAX) > 0 ? MAX : base;
        double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
