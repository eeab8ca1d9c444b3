package io.mooring.reconcile;

import io.dropwizard.lifecycle.Managed;
import io.mooring.engine.Engine;
import io.mooring.model.ActionVerb;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pass at once when the agent starts, then again every interval, with up to a tenth of the
 * interval of random delay so that many agents on one repository do not fetch in step. While the
 * repository cannot be fetched, the wait doubles up to {@link #MAX_BACKOFF} (the last good revision keeps
 * running meanwhile). Between passes it follows the engine's events: a tenant that converged at the current
 * revision (or was found to be another node's, with nothing of it here) and whose containers had no event since is
 * not observed again until the next full resync (jittered too). {@link #wake} starts a pass at once; {@link #retry}
 * also applies a held revision again.
 */
public final class ReconcileLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final Reconciler reconciler;
    private final EngineWatch watch;
    private final List<String> tenants;
    private final String ref;
    private final Duration interval;
    private final Duration resync;
    /**
     * The key of what each tenant's desired state was read from when it last converged here (or was found to be none of
     * this node's: another node's tenant costs an idle round nothing either), and at this pass.
     */
    private final Map<String, String> convergedAt = new ConcurrentHashMap<>();
    private final Map<String, String> keyNow = new ConcurrentHashMap<>();
    /** Tenants a person asked to retry; each stays until a pass of it has been made, or a round found none to make. */
    private final Set<String> retryRequested = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean woken;
    private boolean running;
    private int sourceFailures;
    private String sourceError = "";
    private volatile Instant nextResync = Instant.MIN;
    /** When the next round must have completed by: the wait before it, plus a pass's budget, plus an interval to spare. */
    private volatile Instant dueBy = Instant.MAX;
    private volatile Instant lastRound;
    /** Since when, and why, rounds have found the engine held by another Mooring process; null while they have not. */
    private volatile Instant busySince;
    private volatile String busy;
    private volatile Thread thread;
    /** When the loop was made: until it starts, it is given as long as a first round would be. */
    private final Instant made = Instant.now();

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
        synchronized (lock) {
            running = true;
        }
        dueBy = Instant.now().plus(interval).plus(reconciler.passBudget());
        watch.start();
        Thread loop = new Thread(this::run, "mooring-reconcile");
        loop.setDaemon(true);
        loop.start();
        // Published once it runs: the health check (and the systemd watchdog with it) asked in between would find a
        // thread not alive, say the loop is not running, and stop feeding the watchdog once at a start.
        thread = loop;
    }

    /** Starts a pass now, or right after the one under way: something (a webhook) says the repository moved. */
    public void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    /**
     * Asks for the tenant to be applied again, even at a revision that failed here, on a pass that starts
     * now (or right after the one under way).
     */
    public void retry(String tenant) {
        retryRequested.add(tenant);
        wake();
    }

    private void run() {
        while (true) {
            pass();
            long wait = nextWaitMillis();
            lastRound = Instant.now();
            dueBy = lastRound.plusMillis(wait).plus(reconciler.passBudget()).plus(interval);
            if (sourceFailures > 0) {
                LOG.warn("the repository could not be fetched ({} pass(es) in a row: {}); what runs stays as it is; next try in {} s",
                        sourceFailures, sourceError, wait / 1000);
            }
            synchronized (lock) {
                long until = System.currentTimeMillis() + wait;
                while (running && !woken && System.currentTimeMillis() < until) {
                    try {
                        lock.wait(Math.max(1, until - System.currentTimeMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                woken = false;
            }
        }
    }

    private long nextWaitMillis() {
        long base = waitMillis(interval.toMillis(), sourceFailures);
        return base + ThreadLocalRandom.current().nextLong(base / 10 + 1);
    }

    /** The interval, or, after failed fetches, the interval doubled for each up to {@link #MAX_BACKOFF} (never below the interval). */
    static long waitMillis(long intervalMillis, int sourceFailures) {
        if (sourceFailures == 0) {
            return intervalMillis;
        }
        long cap = Math.max(intervalMillis, MAX_BACKOFF.toMillis());
        return Math.min(cap, intervalMillis << Math.min(sourceFailures, 20));
    }

    private void pass() {
        try {
            boolean full = Instant.now().isAfter(nextResync) || !watch.reliable();
            if (full) {
                long jitter = ThreadLocalRandom.current().nextLong(resync.toMillis() / 10 + 1);
                nextResync = Instant.now().plus(resync).plusMillis(jitter);
            }
            Set<String> retry = Set.copyOf(retryRequested);
            Reconciler.Result round = reconciler.reconcileAll(new Selection(tenants, ref,
                    (tenant, key) -> quiet(tenant, key) && !full, retry::contains, convergedAt::put));
            sourceFailures = round.sourceDown() ? sourceFailures + 1 : 0;
            sourceError = round.sourceError().orElse("");
            busy = round.engineBusy().orElse(null);
            busySince = busy == null ? null : busySince == null ? Instant.now() : busySince;
            Set<String> passed = new HashSet<>();
            for (PassRecord pass : round.passes()) {
                passed.add(pass.tenant());
                if (pass.status() == PassStatus.CONVERGED && keyNow.containsKey(pass.tenant())) {
                    convergedAt.put(pass.tenant(), keyNow.get(pass.tenant()));
                } else {
                    convergedAt.remove(pass.tenant());
                }
                if (!pass.revision().isEmpty() && retry.contains(pass.tenant())) {
                    // only a retry this pass took: one asked for while it ran waits for the next
                    retryRequested.remove(pass.tenant());
                }
                log(pass);
            }
            if (!round.sourceDown() && round.engineBusy().isEmpty()) {
                // A retried tenant this round read and made no pass of is another node's, or in no folder: nothing to retry.
                retry.stream().filter(tenant -> !passed.contains(tenant)).forEach(retryRequested::remove);
            }
        } catch (Throwable e) {
            // Nothing may end the loop: every tenant depends on it.
            LOG.error("reconcile pass failed; retrying next interval", e);
        }
    }

    /**
     * Why the loop is not doing its work, for the {@code reconcile} health check: its thread is gone, or no round has
     * completed for longer than the wait, a pass's budget and an interval; empty while it is well.
     */
    public Optional<String> stalled(Instant now) {
        Thread current = thread;
        if (current == null) {
            return now.isAfter(made.plus(interval).plus(reconciler.passBudget()))
                    ? Optional.of("the reconcile loop has not started since " + made) : Optional.empty();
        }
        if (!current.isAlive()) {
            return Optional.of("the reconcile loop is not running");
        }
        Instant progress = reconciler.lastPassEnded().plus(reconciler.passBudget()).plus(interval);
        if (now.isAfter(dueBy) && now.isAfter(progress)) {
            return Optional.of("no reconcile round has completed " + (lastRound == null ? "since the agent started"
                    : "since " + lastRound) + ", nor a tenant's pass since " + reconciler.lastPassEnded() + "; one was due by " + dueBy);
        }
        Instant since = busySince;
        if (since != null && now.isAfter(since.plus(reconciler.passBudget()).plus(interval))) {
            return Optional.of("no pass has run since " + since + ": " + busy);
        }
        return Optional.empty();
    }

    /** What {@link NodeContainers} asks before listing again: see {@link EngineWatch#changes()}. */
    public long engineChanges() {
        return watch.changes();
    }

    /**
     * Converged with the same desired state (a commit that changed only other tenants does not count) and no
     * container event since: nothing to look at. The event flag is taken either way.
     */
    private boolean quiet(String tenant, String key) {
        keyNow.put(tenant, key);
        boolean touched = watch.takeTouched(tenant);
        return !touched && key.equals(convergedAt.get(tenant));
    }

    /** A quiet pass is a debug line; anything that changed or failed is told action by action. */
    private static void log(PassRecord pass) {
        String head = "tenant " + pass.tenant() + " at " + shortId(pass.revision()) + ": " + pass.status();
        boolean changed = pass.actions().stream().anyMatch(a -> a.verb() != ActionVerb.KEEP);
        if ((pass.status() == PassStatus.CONVERGED && !changed) || pass.status() == PassStatus.HELD) {
            LOG.debug("{} ({})", head, pass.message());
            return;
        }
        if (pass.status() == PassStatus.CONVERGED || pass.status() == PassStatus.DEFERRED) {
            LOG.info("{} ({})", head, pass.message());
        } else {
            LOG.warn("{}: {}", head, pass.message());
        }
        pass.actions().stream().filter(a -> a.verb() != ActionVerb.KEEP).forEach(a ->
                LOG.info("  {} {} ({}): {} {}", a.verb(), a.component(), a.reason(), a.outcome(), a.message()));
    }

    private static String shortId(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    @Override
    public void stop() throws InterruptedException {
        watch.stop();
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        if (thread != null) {
            // A stop waits for the pass under way, not for the next one; one that outlasts the wait is interrupted
            // rather than left running while the engine and the database close under it.
            thread.join(Duration.ofMinutes(2).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        }
    }
}
