package io.mooring.apply;

import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Waits for a started container that runs once (a service another waits for with {@code service_completed_successfully}) to
 * exit: exited with code 0, it passed; exited with another code, gone into any state but a waiting one, or still running at
 * the agent's limit, that is why it failed. The engine's events wake the wait; the container is looked at at least every
 * {@link #POLL} in case one is missed.
 */
final class CompletionGate {
    private static final Duration POLL = Duration.ofMillis(500);
    /** What a run goes through before it ends: paused is waited out too (inspect says exit code 0 while paused). */
    private static final Set<String> UNDER_WAY = Set.of("created", "running", "restarting", "paused");

    private final Engine engine;
    private final Duration limit;

    CompletionGate(Engine engine, Duration limit) {
        this.engine = engine;
        this.limit = limit;
    }

    Optional<String> await(String containerId) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Engine.ContainerWatch watch = engine.watch(containerId)) {
            ContainerStatus status = engine.status(containerId);
            while (UNDER_WAY.contains(status.state())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.of("it runs once and did not finish within " + limit.toSeconds()
                            + "s (the agent's limit, rollout.maxHookTimeout)");
                }
                watch.await(Duration.ofNanos(Math.min(left, POLL.toNanos())));
                status = engine.status(containerId);
            }
            if (!"exited".equals(status.state())) {
                return Optional.of("it runs once and is " + status.state() + ", not exited");
            }
            return status.exitCode() == 0 ? Optional.empty() : Optional.of("it runs once and exited with code " + status.exitCode());
        }
    }
}
