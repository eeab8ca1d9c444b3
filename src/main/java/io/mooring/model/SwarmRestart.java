package io.mooring.model;

import java.time.Duration;

/**
 * When Swarm starts a service's task again ({@code deploy.restart_policy}).
 *
 * @param condition   {@code none}, {@code on-failure} or {@code any} (the default)
 * @param delay       between two attempts
 * @param maxAttempts 0: without end
 * @param window      how long a task must run to count as started
 */
public record SwarmRestart(String condition, Duration delay, int maxAttempts, Duration window) {
    public static final SwarmRestart DEFAULT = new SwarmRestart("any", Duration.ofSeconds(5), 0, Duration.ZERO);

    public SwarmRestart {
        if (!java.util.Set.of("none", "on-failure", "any").contains(condition)) {
            throw new IllegalArgumentException("restart_policy.condition must be none, on-failure or any, not '" + condition + "'");
        }
    }
}
