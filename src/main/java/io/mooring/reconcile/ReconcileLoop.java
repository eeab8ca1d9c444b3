package io.mooring.reconcile;

import io.dropwizard.lifecycle.Managed;
import io.mooring.engine.Engine;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pass at once when the agent starts, then again every interval, with up to a tenth of the
 * interval of random delay so that many agents on one repository do not fetch in step. Between passes it
 * follows the engine's events: a tenant that converged at the current revision and whose containers had
 * no event since is not observed again until the next full resync (jittered too).
 */
public final class ReconcileLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final Reconciler reconciler;
    private final EngineWatch watch;
    private final List<String> tenants;
    private final String ref;
    private final Duration interval;
    private final Duration resync;
    private final Map<String, String> convergedAt = new ConcurrentHashMap<>();
    private volatile Instant nextResync = Instant.MIN;
    private ScheduledExecutorService executor;

    public ReconcileLoop(Reconciler reconciler, Engine engine, List<String> tenants, String ref, Duration interval, Duration resync) {
        this.reconciler = reconciler;
        this.watch = new EngineWatch(engine);
        this.tenants = List.copyOf(tenants);
        this.ref = ref;
        this.interval = interval;
        this.resync = resync;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mooring-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        watch.start();
        executor.schedule(this::passAndReschedule, 0, TimeUnit.MILLISECONDS);
    }

    private void passAndReschedule() {
        try {
            boolean full = Instant.now().isAfter(nextResync) || !watch.reliable();
            if (full) {
                long jitter = ThreadLocalRandom.current().nextLong(resync.toMillis() / 10 + 1);
                nextResync = Instant.now().plus(resync).plusMillis(jitter);
            }
            for (PassRecord pass : reconciler.reconcileAll(tenants, ref, (tenant, revision) -> !full && quiet(tenant, revision))) {
                if (pass.status() == PassStatus.CONVERGED) {
                    convergedAt.put(pass.tenant(), pass.revision());
                } else {
                    convergedAt.remove(pass.tenant());
                }
                log(pass);
            }
        } catch (RuntimeException e) {
            LOG.error("reconcile pass failed; retrying next interval", e);
        } finally {
            if (!executor.isShutdown()) {
                long jitter = ThreadLocalRandom.current().nextLong(interval.toMillis() / 10 + 1);
                executor.schedule(this::passAndReschedule, interval.toMillis() + jitter, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Converged at this revision and no event since: nothing to look at. The event flag is taken either way. */
    private boolean quiet(String tenant, String revision) {
        boolean touched = watch.takeTouched(tenant);
        return !touched && revision.equals(convergedAt.get(tenant));
    }

    /** A quiet pass is a debug line; anything that changed or failed is told action by action. */
    private static void log(PassRecord pass) {
        String head = "tenant " + pass.tenant() + " at " + shortId(pass.revision()) + ": " + pass.status();
        boolean changed = pass.actions().stream().anyMatch(a -> !"keep".equals(a.verb()));
        if ((pass.status() == PassStatus.CONVERGED && !changed) || pass.status() == PassStatus.HELD) {
            LOG.debug("{} ({})", head, pass.message());
            return;
        }
        if (pass.status() == PassStatus.CONVERGED || pass.status() == PassStatus.DEFERRED) {
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
        watch.stop();
        if (executor == null) {
            return;
        }
        executor.shutdown();
        if (!executor.awaitTermination(2, TimeUnit.MINUTES)) {
            executor.shutdownNow();
        }
    }
}
