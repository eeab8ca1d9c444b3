package io.mooring.reconcile;

import io.dropwizard.lifecycle.Managed;
import io.mooring.state.PassOutbox;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies this node's passes into the cluster's shared history, on a thread of its own, every {@code period}: passes
 * recorded while the shared database is away wait in the node's own store and follow, in order, once it is back. An
 * outage is logged when it starts and when it ends, not at every try.
 */
public final class HistoryCopy implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryCopy.class);

    private final String node;
    private final PassOutbox outbox;
    private final Duration period;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mooring-history");
        t.setDaemon(true);
        return t;
    });
    private boolean failing;

    public HistoryCopy(String node, PassOutbox outbox, Duration period) {
        this.node = node;
        this.outbox = outbox;
        this.period = period;
    }

    @Override
    public void start() {
        thread.scheduleWithFixedDelay(this::copy, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One try; true when nothing failed. Nothing it meets escapes: the next try comes anyway. */
    boolean copy() {
        try {
            PassOutbox.Copied copied = outbox.copy();
            if (copied.dropped() > 0) {
                LOG.warn("node {}: {} of its passes were not copied into the cluster's shared history: more than the outbox keeps"
                        + " waited; this node's own history (GET /api/tenants) keeps them", node, copied.dropped());
            }
            if (failing) {
                LOG.info("node {}: the shared history is written again; {} pass(es) recorded meanwhile copied, {} waiting",
                        node, copied.copied(), copied.waiting());
                failing = false;
            }
            return true;
        } catch (Exception e) {
            if (!failing) {
                LOG.warn("node {}: its passes cannot be copied into the cluster's shared history ({}); passes go on and wait in"
                        + " this node's own store; this is logged again only once they are copied", node, e.getMessage());
                failing = true;
            }
            return false;
        }
    }

    @Override
    public void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
