package io.mooring.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One Docker engine, one Mooring acting on it at a time, across processes: an agent and a {@code mooring apply}, or
 * two agents with different homes, would otherwise race on the same containers. The lock is the operating system's
 * lock on a file named from the engine's address, so a process that dies, even by {@code kill -9}, lets go of it;
 * while it is held, the file names the holder's pid and since when, for whoever waits.
 *
 * <p>Within one process the lock is shared: an agent runs several tenants at once, each on its own thread, and
 * none of them should wait for another. The process holds the file lock while any of its threads holds the lock.
 */
public final class EngineLock {
    /** The engine docker-java talks to when no address is given. */
    private static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    private static final Duration POLL = Duration.ofMillis(200);
    /** One per file in this process: the operating system's locks belong to the process, not to a thread or a channel. */
    private static final Map<Path, LockFile> FILES = new ConcurrentHashMap<>();

    private final LockFile file;

    private EngineLock(LockFile file) {
        this.file = file;
    }

    /** Who holds the lock: a process and since when; {@code pid} is -1 when the file does not say. */
    public record Holder(long pid, Instant since) {
        @Override
        public String toString() {
            return (pid < 0 ? "pid unknown" : "pid " + pid) + (since == null ? "" : ", since " + since);
        }
    }

    /**
     * The lock of the engine at {@code dockerHost}, its file in /run/mooring, where every process of the machine finds
     * it. There is no other place: a lock that another process might look for elsewhere would exclude nobody.
     */
    public static EngineLock forEngine(String dockerHost) {
        return forEngine(dockerHost, Path.of("/run/mooring"));
    }

    /** The lock of the engine at {@code dockerHost}, its file in {@code folder}. */
    public static EngineLock forEngine(String dockerHost, Path folder) {
        Path path = folder.toAbsolutePath().normalize().resolve(fileName(dockerHost));
        return new EngineLock(FILES.computeIfAbsent(path, LockFile::new));
    }

    private static String fileName(String dockerHost) {
        return "engine-" + hash(normalized(dockerHost)) + ".lock";
    }

    /** The file whose lock this is. */
    public Path file() {
        return file.path();
    }

    /** The lock, now, or empty when another process holds it. */
    public Optional<Held> tryAcquire() {
        return file.tryAcquire() ? Optional.of(new Held()) : Optional.empty();
    }

    /** The lock, waiting up to {@code wait} for another process to let go of it. */
    public Held acquire(Duration wait) {
        return acquire(wait, holder -> { });
    }

    /**
     * The lock, waiting up to {@code wait} for another process to let go of it; {@code waiting} is told once, when
     * the lock is not free at first, who holds it.
     *
     * @throws EngineBusyException when the other process still holds it after {@code wait}
     */
    public Held acquire(Duration wait, Consumer<Holder> waiting) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            Optional<Held> held = tryAcquire();
            if (held.isPresent()) {
                return held.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new EngineBusyException(file.holder());
            }
            if (!told) {
                waiting.accept(file.holder());
                told = true;
            }
            pause(deadline);
        }
    }

    /** Who holds the lock now, as its file says. */
    public Holder holder() {
        return file.holder();
    }

    private static void pause(long deadline) {
        long left = Math.max(1, Math.min(POLL.toMillis(), Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
        try {
            Thread.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the engine's lock", e);
        }
    }

    /** One holding of the lock; closing it lets go (the process's file lock goes with the last holding). */
    public final class Held implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Held() {
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                file.release();
            }
        }
    }

    /**
     * One engine, one name: the address trimmed, its scheme and host in lower case, and a Unix socket's path resolved
     * through links (/var/run is a link to /run on most systems).
     */
    static String normalized(String dockerHost) {
        String host = dockerHost == null || dockerHost.isBlank() ? DEFAULT_HOST : dockerHost.strip();
        while (host.endsWith("/") && !host.endsWith("://")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("unix://")) {
            return "unix://" + realPath(host.substring("unix://".length()));
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static String realPath(String socket) {
        try {
            return Path.of(socket).toRealPath().toString();
        } catch (java.io.IOException | InvalidPathException e) {
            return Path.of(socket).normalize().toString();
        }
    }

    private static String hash(String text) {
        return HexFormat.of().formatHex(io.mooring.model.Sha256.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
