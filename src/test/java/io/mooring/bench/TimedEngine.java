package io.mooring.bench;

import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Hook;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import io.mooring.testing.TestDocker;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The real engine, with a stopwatch on every call, by method, and on the wait for health (from a start
 * until the engine's first passing health check ended, by the engine's own health log), so that a
 * benchmark can tell the work itself (pull, stop, start, health) from Mooring's overhead and say where
 * that overhead goes. It delegates every call; nothing is faked. Calls made on the pass's own thread
 * are told apart from those made beside it, which overlap other work, and from those made while a
 * started container warms up, which are hidden in the wait for health.
 */
final class TimedEngine implements Engine {
    private final Engine engine;
    private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
    private final AtomicLong healthNanos = new AtomicLong();
    private final AtomicLong measuringNanos = new AtomicLong();
    private final AtomicLong noticeNanos = new AtomicLong();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final TestDocker docker = new TestDocker();
    private volatile Thread passThread;

    TimedEngine(Engine engine) {
        this.engine = engine;
    }

    /** Starts a new count; calls from the current thread are the pass's own. */
    void reset() {
        nanos.clear();
        healthNanos.set(0);
        measuringNanos.set(0);
        noticeNanos.set(0);
        startedAt.clear();
        passThread = Thread.currentThread();
    }

    long millis(String method) {
        AtomicLong total = nanos.get(method);
        return total == null ? 0 : total.get() / 1_000_000;
    }

    long healthMillis() {
        return healthNanos.get() / 1_000_000;
    }

    /** From the end of the first passing health check until Mooring knew the container was healthy. */
    long noticeMillis() {
        return noticeNanos.get() / 1_000_000;
    }

    /** The time this stopwatch spent reading the engine's health log, which is not Mooring's to pay. */
    long measuringMillis() {
        return measuringNanos.get() / 1_000_000;
    }

    /** Milliseconds by method of the pass's own calls other than {@code work}. */
    Map<String, Long> otherCalls(List<String> work) {
        Map<String, Long> other = new TreeMap<>();
        nanos.forEach((method, total) -> {
            if (!work.contains(method) && !method.endsWith(")")) {
                other.put(method, total.get() / 1_000_000);
            }
        });
        return other;
    }

    /** Milliseconds by method of the calls made on other threads than the pass's, which overlap its own. */
    Map<String, Long> callsBeside() {
        Map<String, Long> beside = new TreeMap<>();
        nanos.forEach((method, total) -> {
            if (method.endsWith(" (beside)")) {
                beside.put(method.substring(0, method.length() - " (beside)".length()), total.get() / 1_000_000);
            }
        });
        return beside;
    }

    private <T> T timed(String method, Supplier<T> call) {
        long t = System.nanoTime();
        try {
            return call.get();
        } finally {
            String key = Thread.currentThread() != passThread ? method + " (beside)"
                    : startedAt.isEmpty() ? method : method + " (during the wait for health)";
            nanos.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(System.nanoTime() - t);
        }
    }

    private void timed(String method, Runnable call) {
        timed(method, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public void ping() {
        timed("ping", engine::ping);
    }

    @Override
    public List<PublishedPort> publishedPorts() {
        return timed("publishedPorts", engine::publishedPorts);
    }

    @Override
    public List<Listed> listed(String node) {
        return timed("listed", () -> engine.listed(node));
    }

    @Override
    public ObservedState observe(String tenant) {
        return timed("observe", () -> engine.observe(tenant));
    }

    @Override
    public Optional<LocalImage> localImage(ImageRef image) {
        return timed("localImage", () -> engine.localImage(image));
    }

    @Override
    public void pull(ImageRef image) {
        timed("pull", () -> engine.pull(image));
    }

    @Override
    public String registryDigest(ImageRef image) {
        return timed("registryDigest", () -> engine.registryDigest(image));
    }

    @Override
    public OptionalLong freeDiskBytes() {
        return timed("freeDiskBytes", engine::freeDiskBytes);
    }

    @Override
    public boolean ensureVolume(String name, String tenant) {
        return timed("ensureVolume", () -> engine.ensureVolume(name, tenant));
    }

    @Override
    public boolean removeVolume(String name, String tenant) {
        return timed("removeVolume", () -> engine.removeVolume(name, tenant));
    }

    @Override
    public boolean removeNetwork(String name, String tenant) {
        return timed("removeNetwork", () -> engine.removeNetwork(name, tenant));
    }

    @Override
    public String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts, String digest) {
        return timed("create", () -> engine.create(spec, name, node, revision, extraMounts, digest));
    }

    @Override
    public JobResult runJob(DesiredContainer spec, Hook hook, String node, Revision revision, String digest) {
        return timed("runJob", () -> engine.runJob(spec, hook, node, revision, digest));
    }

    @Override
    public void start(String id, Owner owner) {
        timed("start", () -> engine.start(id, owner));
        startedAt.put(id, Instant.now());
    }

    @Override
    public void stop(String id, Owner owner) {
        timed("stop", () -> engine.stop(id, owner));
    }

    @Override
    public void remove(String id, Owner owner) {
        timed("remove", () -> engine.remove(id, owner));
    }

    @Override
    public void rename(String id, String name, Owner owner) {
        timed("rename", () -> engine.rename(id, name, owner));
    }

    /**
     * Once Mooring sees the container healthy (by its status, or by the engine's event), the wait for health
     * is counted up to the moment the engine's health log says its first check passed, not up to when
     * Mooring noticed: noticing is Mooring's overhead. Status calls are part of that wait.
     */
    @Override
    public ContainerStatus status(String id) {
        ContainerStatus status = engine.status(id);
        if (status.healthy()) {
            healthy(id);
        }
        return status;
    }

    private void healthy(String id) {
        Instant started = startedAt.get(id);
        if (started != null) {
            Instant noticed = Instant.now();
            long t = System.nanoTime();
            Instant passed = firstPassingCheck(id);
            healthNanos.addAndGet(Duration.between(started, passed).toNanos());
            noticeNanos.addAndGet(Duration.between(passed, noticed).toNanos());
            startedAt.remove(id);
            measuringNanos.addAndGet(System.nanoTime() - t);
        }
    }

    private Instant firstPassingCheck(String id) {
        var log = docker.inspect(id).getState().getHealth().getLog();
        return log.stream().filter(entry -> entry.getExitCodeLong() != null && entry.getExitCodeLong() == 0)
                .map(entry -> OffsetDateTime.parse(entry.getEnd(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant())
                .min(Instant::compareTo)
                .orElseThrow(() -> new IllegalStateException("container " + id + " is healthy but its health log shows no passing check"));
    }

    @Override
    public Optional<Integer> exec(String id, List<String> command, Duration timeout) {
        return timed("exec", () -> engine.exec(id, command, timeout));
    }

    @Override
    public String address(String id) {
        return timed("address", () -> engine.address(id));
    }

    @Override
    public String logTail(String id, int lines) {
        return timed("logTail", () -> engine.logTail(id, lines));
    }

    @Override
    public ContainerWatch watch(String id) {
        ContainerWatch watch = timed("watch", () -> engine.watch(id));
        return new ContainerWatch() {
            @Override
            public List<String> await(Duration max) {
                List<String> events = watch.await(max);
                if (events.contains("health_status: healthy")) {
                    healthy(id);
                }
                return events;
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }

    @Override
    public AutoCloseable followEvents(Instant since, Consumer<EngineEvent> listener, Consumer<Throwable> ended) {
        return engine.followEvents(since, listener, ended);
    }

    @Override
    public void close() {
        engine.close();
        try {
            docker.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
