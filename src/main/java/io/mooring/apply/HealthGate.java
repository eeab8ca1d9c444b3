package io.mooring.apply;

import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.Probe;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits for a started container to prove itself: by its x-mooring probe (http, tcp or exec) when it has
 * one, else healthy by its HEALTHCHECK, else still running after a settling period. Returns the reason it
 * failed, or empty when it passed. A container that exits fails at once, whatever the probe.
 */
public final class HealthGate {
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String HEALTHY_EVENT = "health_status: healthy";
    private static final int PROBE_CONNECT_MILLIS = 2000;

    private final Engine engine;
    private final Duration timeout;

    public HealthGate(Engine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    public Optional<String> await(String containerId, Probe probe) {
        return probe == null ? awaitHealthcheck(containerId) : awaitProbe(containerId, probe);
    }

    /**
     * Waits on the engine's events about the container: its health check's verdict is taken from the
     * event itself; any other event (an exit, a check that ran) makes it look at the container, as it does
     * at least every {@link #POLL} in case an event is missed.
     */
    private Optional<String> awaitHealthcheck(String containerId) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (Engine.ContainerWatch watch = engine.watch(containerId)) {
            ContainerStatus status = engine.status(containerId);
            while (true) {
                if (!status.running()) {
                    return Optional.of("the new container " + status);
                }
                if (status.healthy()) {
                    return Optional.empty();
                }
                if ("unhealthy".equals(status.health())) {
                    return Optional.of("the new container is unhealthy");
                }
                long now = System.nanoTime();
                long settled = start + SETTLE.toNanos();
                if (!status.hasHealthCheck() && now >= settled) {
                    return Optional.empty();
                }
                if (now >= deadline) {
                    return Optional.of("the new container was not healthy within " + timeout.toSeconds() + "s (" + status + ")");
                }
                long wait = Math.min(POLL.toNanos(), deadline - now);
                List<String> events = watch.await(Duration.ofNanos(status.hasHealthCheck() ? wait : Math.min(wait, settled - now)));
                if (events.contains(HEALTHY_EVENT) && events.stream().noneMatch(e -> e.equals("die") || e.startsWith("health_status: un"))) {
                    return Optional.empty();
                }
                status = engine.status(containerId);
            }
        }
    }

    private Optional<String> awaitProbe(String containerId, Probe probe) {
        // A tenant's probe gets no longer than the agent's health timeout, whatever its commit asks.
        Duration budget = probe.timeout().compareTo(timeout) > 0 ? timeout : probe.timeout();
        long deadline = System.nanoTime() + budget.toNanos();
        String last = "not tried";
        while (true) {
            ContainerStatus status = engine.status(containerId);
            if (!status.running()) {
                return Optional.of("the new container " + status);
            }
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<String> failure = tryProbe(containerId, probe, left);
            if (failure.isEmpty()) {
                return Optional.empty();
            }
            last = failure.get();
            if (System.nanoTime() + probe.interval().toNanos() >= deadline) {
                return Optional.of("the new container did not pass its " + probe + " within " + budget.toSeconds()
                        + "s" + (budget.equals(probe.timeout()) ? "" : " (the agent's healthTimeout)") + " (last try: " + last + ")");
            }
            sleep(probe.interval());
        }
    }

    /** One try of the probe; an exec probe gets no longer than what is {@code left} of the wait, whatever its interval. */
    private Optional<String> tryProbe(String containerId, Probe probe, Duration left) {
        Duration execLimit = probe.interval().plusSeconds(5).compareTo(left) > 0 ? left : probe.interval().plusSeconds(5);
        try {
            return switch (probe.kind()) {
                case HTTP -> http(engine.address(containerId), probe);
                case TCP -> tcp(engine.address(containerId), probe.port());
                case EXEC -> engine.exec(containerId, probe.command(), execLimit)
                        .map(code -> code == 0 ? Optional.<String>empty() : Optional.of("exited with code " + code))
                        .orElse(Optional.of("did not finish"));
            };
        } catch (EngineException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> http(String address, Probe probe) {
        try {
            URI uri = URI.create("http://" + address + ":" + probe.port() + probe.path());
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(PROBE_CONNECT_MILLIS);
            connection.setReadTimeout(PROBE_CONNECT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            try {
                int code = connection.getResponseCode();
                return code >= 200 && code < 400 ? Optional.empty() : Optional.of("HTTP " + code);
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(e.toString());
        }
    }

    private static Optional<String> tcp(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), PROBE_CONNECT_MILLIS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot connect to " + address + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for health", e);
        }
    }
}
