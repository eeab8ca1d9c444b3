package io.mooring.leader;

import io.dropwizard.lifecycle.Managed;
import io.mooring.state.Leadership;
import io.mooring.state.StateException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this agent leads the cluster's singleton jobs: every {@code retryPeriod} it renews its lease or tries to
 * take it ({@link Leadership}); when it could not renew for {@code renewDeadline} it stops leading, and no singleton
 * job starts here any more. Stopping the agent gives the lease up, so that another agent need not wait for it.
 */
public final class Election implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Election.class);

    /** The lease's timings: its length, how long the leader tries to renew it, how often a round runs. */
    public record Timings(Duration lease, Duration renewDeadline, Duration retryPeriod) {
    }

    private final Leadership leadership;
    private final String node;
    private final Timings timings;
    private final LongSupplier nanoTime;
    private volatile Tenure tenure = Tenure.NONE;
    private boolean failing;
    private ScheduledExecutorService executor;

    public Election(Leadership leadership, String node, Timings timings) {
        this(leadership, node, timings, System::nanoTime);
    }

    Election(Leadership leadership, String node, Timings timings, LongSupplier nanoTime) {
        this.leadership = leadership;
        this.node = node;
        this.timings = timings;
        this.nanoTime = nanoTime;
    }

    /** The term this agent leads under now, or empty. */
    public Optional<Leadership.Term> term() {
        return tenure.current(nanoTime.getAsLong(), timings.renewDeadline());
    }

    public boolean leads() {
        return term().isPresent();
    }

    /** One round: renew or take the lease; a database that cannot be reached keeps the term until its deadline. */
    synchronized void round() {
        long started = nanoTime.getAsLong();
        Optional<Leadership.Term> before = term();
        try {
            Optional<Leadership.Term> after = leadership.tryLead(before, timings.lease());
            tenure = after.map(t -> Tenure.renewed(t, started)).orElse(Tenure.NONE);
            failing = false;
        } catch (StateException e) {
            if (!failing) {
                LOG.warn("{}", e.getMessage());
                failing = true;
            }
        }
        said(before, term());
    }

    private void said(Optional<Leadership.Term> before, Optional<Leadership.Term> after) {
        if (after.isPresent() && !after.equals(before)) {
            LOG.info("node {} leads the cluster's singleton jobs (epoch {})", node, after.get().epoch());
        } else if (before.isPresent() && after.isEmpty()) {
            LOG.warn("node {} no longer leads the cluster's singleton jobs (epoch {}): {}; none starts here until it leads again",
                    node, before.get().epoch(), failing ? "the lease could not be renewed within " + timings.renewDeadline().toSeconds()
                            + " s" : "another node took the lease over");
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mooring-leader");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                round();
            } catch (Throwable e) {
                // A task that throws is never run again by the executor: nothing may escape it.
                LOG.error("leader election round failed; trying again in {} ms", timings.retryPeriod().toMillis(), e);
            }
        }, 0, timings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        try {
            term().ifPresent(leadership::resign);
        } catch (StateException e) {
            LOG.warn("node {} could not give its lease up ({}); another node takes it once it runs out", node, e.getMessage());
        } finally {
            tenure = Tenure.NONE;
            leadership.close();
        }
    }
}
