package io.mooring.engine;

/**
 * A container's state as a health gate needs it: {@code health} is none when the image has no
 * health check; {@code restarts} counts how often the engine restarted it after it exited; {@code runsOnce} when Mooring
 * created it as a component that runs once, which it never starts again.
 */
public record ContainerStatus(String state, String health, int exitCode, int restarts, boolean runsOnce) {
    public ContainerStatus(String state, String health, int exitCode, int restarts) {
        this(state, health, exitCode, restarts, false);
    }

    public boolean running() {
        return "running".equals(state) && restarts == 0;
    }

    public boolean hasHealthCheck() {
        return !"none".equals(health);
    }

    public boolean healthy() {
        return "healthy".equals(health);
    }

    @Override
    public String toString() {
        if ("restarting".equals(state) || restarts > 0) {
            return "exited with code " + exitCode + " and is being restarted";
        }
        if (!"running".equals(state)) {
            return state + " with exit code " + exitCode;
        }
        return hasHealthCheck() ? "running, " + health : "running";
    }
}
