package io.mooring.reconcile;

import io.mooring.engine.Engine;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the engine's container events for Mooring's tenants and remembers which tenants were touched.
 * When the stream drops it reconnects from the last event it saw ({@code since}), waiting longer after
 * each failure (1 s doubling to 60 s, back to 1 s only after a stream that held for a minute: an engine that answers
 * and drops the stream at once is not asked every second); until it is back, it is not reliable and every pass observes.
 */
final class EngineWatch {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWatch.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    /** How long a stream must have held for its end to be retried after a second again. */
    private static final long HELD_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_BACKOFF_MILLIS);

    private final Engine engine;
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    /** Moves with each event that can change what the engine lists, and with each connection and loss of the stream. */
    private final AtomicLong changes = new AtomicLong();
    private volatile Instant since = Instant.now();
    private volatile boolean connected;
    private volatile AutoCloseable stream;
    private long backoffMillis = 1000;
    private volatile long connectedAtNanos;
    private ScheduledExecutorService reconnector;

    EngineWatch(Engine engine) {
        this.engine = engine;
    }

    void start() {
        reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mooring-engine-events");
            thread.setDaemon(true);
            return thread;
        });
        reconnector.execute(this::connect);
    }

    private void connect() {
        // Followed from here: the stream replays what happened since the last event seen, and an end it reports even
        // before followEvents returns is not overwritten.
        changes.incrementAndGet();
        connected = true;
        connectedAtNanos = System.nanoTime();
        try {
            stream = engine.followEvents(since, event -> {
                touched.add(event.tenant());
                // A HEALTHCHECK's probe is an exec of its own, every few seconds: it changes no listed field (a change of
                // health comes as a health_status event).
                if (!event.action().startsWith("exec_")) {
                    changes.incrementAndGet();
                }
                since = Instant.ofEpochSecond(0, event.timeNanos());
            }, this::ended);
        } catch (RuntimeException e) {
            ended(e);
        }
    }

    /** Called by the stream's own thread, or by {@link #connect} when the engine refused it. */
    private synchronized void ended(Throwable why) {
        connected = false;
        changes.incrementAndGet();
        if (reconnector.isShutdown()) {
            return;
        }
        if (System.nanoTime() - connectedAtNanos >= HELD_NANOS) {
            backoffMillis = 1000;
        }
        LOG.warn("engine event stream ended ({}); reconnecting in {} ms, every tenant is observed meanwhile", why.getMessage(), backoffMillis);
        reconnector.schedule(this::connect, backoffMillis, TimeUnit.MILLISECONDS);
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    /** Whether events are being followed, so that a quiet tenant can be trusted to be unchanged. */
    boolean reliable() {
        return connected;
    }

    /**
     * A count that is the same at two calls only if the engine's tenant containers had no event between them that
     * changes what the engine lists, the stream followed all along; -1 while it is not followed.
     */
    long changes() {
        long now = changes.get();
        return connected ? now : -1;
    }

    /** Whether the tenant's containers had an event since the last call; the mark is cleared. */
    boolean takeTouched(String tenant) {
        return touched.remove(tenant);
    }

    void stop() {
        connected = false;
        changes.incrementAndGet();
        if (reconnector != null) {
            reconnector.shutdownNow();
        }
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (Exception e) {
            // closing a stream that may already be gone
        }
    }
}
