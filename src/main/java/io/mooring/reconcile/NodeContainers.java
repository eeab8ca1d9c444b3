package io.mooring.reconcile;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The node's tenant containers as the engine lists them, for the heartbeat and the status page: listed again only
 * when the engine's event stream saw a change since the last list (or was not followed), and at least every
 * {@code maxAge} whatever it says. An idle node of 100 tenants lists them once a minute instead of at every beat.
 */
public final class NodeContainers {
    /** A listing reused this long at most, the event stream quiet or not. */
    public static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final Engine engine;
    private final String node;
    private final LongSupplier changes;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private Listing last;

    private record Listing(long changes, long at, List<Engine.Listed> containers) {
    }

    /** {@code changes}: {@link ReconcileLoop#engineChanges()}, a count that moves with every event, -1 when not followed. */
    public NodeContainers(Engine engine, String node, LongSupplier changes) {
        this(engine, node, changes, System::nanoTime, MAX_AGE);
    }

    NodeContainers(Engine engine, String node, LongSupplier changes, LongSupplier nanoTime, Duration maxAge) {
        this.engine = engine;
        this.node = node;
        this.changes = changes;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Listed every time: without an event stream to say nothing changed. */
    public static NodeContainers listedEachTime(Engine engine, String node) {
        return new NodeContainers(engine, node, () -> -1);
    }

    /** The node's containers; an engine that does not answer throws, and the next call lists again. */
    public synchronized List<Engine.Listed> listed() throws EngineException {
        // Read before listing: an event during the list moves the count past it, and the next call lists again.
        long count = changes.getAsLong();
        long now = nanoTime.getAsLong();
        Listing known = last;
        if (count >= 0 && known != null && known.changes() == count && now - known.at() < maxAgeNanos) {
            return known.containers();
        }
        last = null;
        List<Engine.Listed> containers = List.copyOf(engine.listed(node));
        last = new Listing(count, now, containers);
        return containers;
    }
}
