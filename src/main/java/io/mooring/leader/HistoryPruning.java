package io.mooring.leader;

import io.dropwizard.lifecycle.Managed;
import io.mooring.state.SharedHistory;
import io.mooring.state.SingletonRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The singleton job {@code prune-history}, once an hour for the cluster, on the leader: the shared pass history
 * bounded per tenant and node (nodes that stopped reporting included), and the records of singleton slots older
 * than {@link #SLOTS_KEPT} forgotten.
 */
public final class HistoryPruning implements Managed {
    static final String JOB = "prune-history";
    static final Duration SLOTS_KEPT = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(HistoryPruning.class);

    private final Singletons singletons;
    private final SharedHistory history;
    private final SingletonRuns runs;
    private final int keep;
    private final Clock clock;
    private final Duration tick;
    private ScheduledExecutorService executor;

    public HistoryPruning(Singletons singletons, SharedHistory history, SingletonRuns runs, int keep, Clock clock, Duration tick) {
        this.singletons = singletons;
        this.history = history;
        this.runs = runs;
        this.keep = keep;
        this.clock = clock;
        this.tick = tick;
    }

    /** This hour's pruning, when this node leads and nobody did it yet. */
    public Singletons.Result runDue() {
        Instant now = clock.instant();
        Singletons.Result result = singletons.run(JOB, now.truncatedTo(ChronoUnit.HOURS), fence -> {
            int passes = history.prune(keep);
            int slots = runs.forget(now.minus(SLOTS_KEPT));
            return passes + " pass(es) past the newest " + keep + " of a tenant on a node, and " + slots + " slot record(s) over "
                    + SLOTS_KEPT.toDays() + " days old, removed";
        });
        if (result.outcome() == Singletons.Outcome.DONE) {
            LOG.info("shared history pruned as the cluster's leader: {}", result.message());
        } else if (result.outcome() == Singletons.Outcome.FAILED) {
            LOG.warn("pruning the shared history failed: {}; the leader tries again next hour", result.message());
        }
        return result;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mooring-history");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (Throwable e) {
                // A task that throws is never run again by the executor: nothing may escape it.
                LOG.error("pruning the shared history failed; trying again in {} s", tick.toSeconds(), e);
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
