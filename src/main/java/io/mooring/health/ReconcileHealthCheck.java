package io.mooring.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Healthy while the reconcile loop does its work: unhealthy when its thread is gone or no round has completed
 * for longer than it should, so that a supervisor (a systemd watchdog, an orchestrator's probe) can act on it.
 */
public final class ReconcileHealthCheck extends HealthCheck {
    private final Function<Instant, Optional<String>> stalled;
    private final Clock clock;

    /** {@code stalled} says, at an instant, why the loop is not doing its work, or nothing while it is. */
    public ReconcileHealthCheck(Function<Instant, Optional<String>> stalled, Clock clock) {
        this.stalled = stalled;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        return stalled.apply(clock.instant()).map(Result::unhealthy).orElseGet(Result::healthy);
    }
}
