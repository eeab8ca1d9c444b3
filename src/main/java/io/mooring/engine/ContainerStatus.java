package io.mooring.engine;

/** A container's state as a health gate needs it: {@code health} is none when the image has no health check. */
public record ContainerStatus(String state, String health, int exitCode) {
    public boolean running() {
        return "running".equals(state);
    }

    public boolean hasHealthCheck() {
        return !"none".equals(health);
    }

    public boolean healthy() {
        return "healthy".equals(health);
    }

    @Override
    public String toString() {
        if (!running()) {
            return state + " with exit code " + exitCode;
        }
        return hasHealthCheck() ? "running, " + health : "running";
    }
}
