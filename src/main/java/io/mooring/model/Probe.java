package io.mooring.model;

import java.time.Duration;
import java.util.List;

/**
 * How a rollout tells that a new container serves, instead of (or without) its image's HEALTHCHECK:
 * an HTTP GET answered 2xx or 3xx, a TCP connect, or a command run in the container that exits 0.
 * {@code timeout} is how long the container has to pass; {@code interval} the pause between tries.
 */
public record Probe(Kind kind, int port, String path, List<String> command, Duration timeout, Duration interval) {
    public enum Kind { HTTP, TCP, EXEC }

    public Probe {
        path = path == null || path.isEmpty() ? "/" : path;
        command = List.copyOf(command);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case HTTP -> "http probe on port " + port + path;
            case TCP -> "tcp probe on port " + port;
            case EXEC -> "exec probe " + command;
        };
    }
}
