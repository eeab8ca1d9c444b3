package io.mooring.bench;

import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Hook;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The real engine, with a stopwatch on the calls that are the work itself (pull, stop, start) and on
 * the wait for health (from a start until the engine first reports the container healthy), so that a
 * benchmark can tell Mooring's own overhead apart. It delegates every call; nothing is faked.
 */
final class TimedEngine implements Engine {
    private final Engine engine;
    final AtomicLong pullNanos = new AtomicLong();
    final AtomicLong stopNanos = new AtomicLong();
    final AtomicLong startNanos = new AtomicLong();
    final AtomicLong healthNanos = new AtomicLong();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

    TimedEngine(Engine engine) {
        this.engine = engine;
    }

    void reset() {
        pullNanos.set(0);
        stopNanos.set(0);
        startNanos.set(0);
        healthNanos.set(0);
        startedAt.clear();
    }

    long workMillis() {
        return (pullNanos.get() + stopNanos.get() + startNanos.get() + healthNanos.get()) / 1_000_000;
    }

    @Override
    public void ping() {
        engine.ping();
    }

    @Override
    public ObservedState observe(String tenant) {
        return engine.observe(tenant);
    }

    @Override
    public boolean hasImage(ImageRef image) {
        return engine.hasImage(image);
    }

    @Override
    public void pull(ImageRef image) {
        long t = System.nanoTime();
        engine.pull(image);
        pullNanos.addAndGet(System.nanoTime() - t);
    }

    @Override
    public Optional<String> localDigest(ImageRef image) {
        return engine.localDigest(image);
    }

    @Override
    public String registryDigest(ImageRef image) {
        return engine.registryDigest(image);
    }

    @Override
    public OptionalLong freeDiskBytes() {
        return engine.freeDiskBytes();
    }

    @Override
    public boolean ensureVolume(String name, String tenant) {
        return engine.ensureVolume(name, tenant);
    }

    @Override
    public boolean removeVolume(String name, String tenant) {
        return engine.removeVolume(name, tenant);
    }

    @Override
    public String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts, String digest) {
        return engine.create(spec, name, node, revision, extraMounts, digest);
    }

    @Override
    public JobResult runJob(DesiredContainer spec, Hook hook, String node, Revision revision, String digest) {
        return engine.runJob(spec, hook, node, revision, digest);
    }

    @Override
    public void start(String id) {
        long t = System.nanoTime();
        engine.start(id);
        long done = System.nanoTime();
        startNanos.addAndGet(done - t);
        startedAt.put(id, done);
    }

    @Override
    public void stop(String id) {
        long t = System.nanoTime();
        engine.stop(id);
        stopNanos.addAndGet(System.nanoTime() - t);
    }

    @Override
    public void remove(String id) {
        engine.remove(id);
    }

    @Override
    public void rename(String id, String name) {
        engine.rename(id, name);
    }

    @Override
    public ContainerStatus status(String id) {
        ContainerStatus status = engine.status(id);
        Long started = startedAt.get(id);
        if (started != null && status.healthy()) {
            healthNanos.addAndGet(System.nanoTime() - started);
            startedAt.remove(id);
        }
        return status;
    }

    @Override
    public Optional<Integer> exec(String id, List<String> command, Duration timeout) {
        return engine.exec(id, command, timeout);
    }

    @Override
    public String address(String id) {
        return engine.address(id);
    }

    @Override
    public String logTail(String id, int lines) {
        return engine.logTail(id, lines);
    }

    @Override
    public List<VolumeMount> anonymousVolumes(String id) {
        return engine.anonymousVolumes(id);
    }

    @Override
    public AutoCloseable followEvents(Instant since, Consumer<EngineEvent> listener, Consumer<Throwable> ended) {
        return engine.followEvents(since, listener, ended);
    }

    @Override
    public void close() {
        engine.close();
    }
}
