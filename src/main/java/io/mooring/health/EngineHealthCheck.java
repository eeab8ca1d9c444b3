package io.mooring.health;

import com.codahale.metrics.health.HealthCheck;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;

/** Healthy while the local container engine answers. */
public final class EngineHealthCheck extends HealthCheck {
    private final Engine engine;

    public EngineHealthCheck(Engine engine) {
        this.engine = engine;
    }

    @Override
    protected Result check() {
        try {
            engine.ping();
            return Result.healthy();
        } catch (EngineException e) {
            return Result.unhealthy(e.getMessage());
        }
    }
}
