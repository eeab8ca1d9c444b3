package io.mooring.apply;

import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for a started container to prove itself: healthy by its image's HEALTHCHECK, or, without
 * one, still running after a settling period. Returns the reason it failed, or empty when it passed.
 */
public final class HealthGate {
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Engine engine;
    private final Duration timeout;

    public HealthGate(Engine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    public Optional<String> await(String containerId) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        ContainerStatus status = engine.status(containerId);
        while (System.nanoTime() < deadline) {
            if (!status.running()) {
                return Optional.of("the new container " + status);
            }
            if (status.healthy()) {
                return Optional.empty();
            }
            if ("unhealthy".equals(status.health())) {
                return Optional.of("the new container is unhealthy");
            }
            if (!status.hasHealthCheck() && System.nanoTime() - start >= SETTLE.toNanos()) {
                return Optional.empty();
            }
            sleep();
            status = engine.status(containerId);
        }
        return Optional.of("the new container was not healthy within " + timeout.toSeconds() + "s (" + status + ")");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for health", e);
        }
    }
}
