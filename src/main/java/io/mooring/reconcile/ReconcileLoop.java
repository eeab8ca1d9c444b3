package io.mooring.reconcile;

import io.dropwizard.lifecycle.Managed;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pass at once when the agent starts, then again every interval, with up to a tenth of the
 * interval of random delay so that many agents on one repository do not fetch in step.
 */
public final class ReconcileLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final Reconciler reconciler;
    private final List<String> tenants;
    private final String ref;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public ReconcileLoop(Reconciler reconciler, List<String> tenants, String ref, Duration interval) {
        this.reconciler = reconciler;
        this.tenants = List.copyOf(tenants);
        this.ref = ref;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mooring-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        executor.schedule(this::passAndReschedule, 0, TimeUnit.MILLISECONDS);
    }

    private void passAndReschedule() {
        try {
            reconciler.reconcileAll(tenants, ref).forEach(ReconcileLoop::log);
        } catch (RuntimeException e) {
            LOG.error("reconcile pass failed; retrying next interval", e);
        } finally {
            if (!executor.isShutdown()) {
                long jitter = ThreadLocalRandom.current().nextLong(interval.toMillis() / 10 + 1);
                executor.schedule(this::passAndReschedule, interval.toMillis() + jitter, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A quiet pass is a debug line; anything that changed or failed is told action by action. */
    private static void log(PassRecord pass) {
        String head = "tenant " + pass.tenant() + " at " + shortId(pass.revision()) + ": " + pass.status();
        boolean changed = pass.actions().stream().anyMatch(a -> !"keep".equals(a.verb()));
        if ((pass.status() == PassStatus.CONVERGED && !changed) || pass.status() == PassStatus.HELD) {
            LOG.debug("{} ({})", head, pass.message());
            return;
        }
        if (pass.status() == PassStatus.CONVERGED) {
            LOG.info("{} ({})", head, pass.message());
        } else {
            LOG.warn("{}: {}", head, pass.message());
        }
        pass.actions().stream().filter(a -> !"keep".equals(a.verb())).forEach(a ->
                LOG.info("  {} {} ({}): {} {}", a.verb(), a.component(), a.reason(), a.outcome(), a.message()));
    }

    private static String shortId(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        if (!executor.awaitTermination(2, TimeUnit.MINUTES)) {
            executor.shutdownNow();
        }
    }
}
