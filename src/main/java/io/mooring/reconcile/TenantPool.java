package io.mooring.reconcile;

import io.mooring.model.PassRecord;
import io.mooring.engine.EngineLock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tenants' passes of a round, at most {@code size} at once, so that one slow tenant does not hold up the
 * others. The round waits for a pass {@code budget} from the moment it starts; then the pass is recorded as given up
 * and the round goes on. Such a pass is never interrupted (an interrupt can break the state database's files and
 * leaves the engine half told): its every step is bounded by the agent's own timeouts, and it keeps the engine's lock
 * and its tenant until it ends, so that the tenant never gets a second pass beside it.
 */
final class TenantPool {
    private static final Logger LOG = LoggerFactory.getLogger(TenantPool.class);
    private static final long TICK_MILLIS = 200;

    private final ThreadPoolExecutor threads;
    private final Duration budget;
    private final Optional<EngineLock> lock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile Instant lastEnded = Instant.now();

    /** One tenant's pass as the pool runs it: the pass itself, and what is recorded when it outlives its budget. */
    interface Task {
        String tenant();

        /** Runs the guarded pass; {@code started} is called when a thread takes it. */
        Optional<PassRecord> run(Runnable started);

        /** Records that the pass was cancelled after {@code budget}, unless it recorded its own end first. */
        Optional<PassRecord> cancelled(Duration budget);
    }

    TenantPool(int size, Duration budget, Optional<EngineLock> lock) {
        this.budget = budget;
        this.lock = lock;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "mooring-tenant-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Idle threads end, so that an agent between rounds (or a reconciler no longer used) holds none.
        threads.allowCoreThreadTimeOut(true);
    }

    /** The passes, in the order of {@code tasks}; a tenant still busy with an earlier pass is skipped. */
    List<PassRecord> run(List<Task> tasks) {
        List<Submitted> submitted = new ArrayList<>();
        for (Task task : tasks) {
            if (!running.add(task.tenant())) {
                LOG.warn("tenant {}: its previous pass has not ended yet (it outlived its budget); no new pass beside it", task.tenant());
                continue;
            }
            Submitted one = new Submitted(task);
            one.future = threads.submit(() -> {
                // The round holds the engine's lock; a pass it stopped waiting for goes on holding it until it ends.
                Optional<EngineLock.Held> held = lock.flatMap(EngineLock::tryAcquire);
                try {
                    return task.run(one::began);
                } finally {
                    held.ifPresent(EngineLock.Held::close);
                    running.remove(task.tenant());
                    lastEnded = Instant.now();
                }
            });
            submitted.add(one);
        }
        List<PassRecord> passes = new ArrayList<>();
        for (Submitted one : submitted) {
            await(one).ifPresent(passes::add);
        }
        return passes;
    }

    /** When a tenant's pass last ended: the loop is making progress while passes end, however long its round. */
    Instant lastEnded() {
        return lastEnded;
    }

    private Optional<PassRecord> await(Submitted one) {
        long submitted = System.nanoTime();
        while (true) {
            try {
                return one.future.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (one.began && System.nanoTime() - one.beganNanos > budget.toNanos()) {
                    return one.task.cancelled(budget);
                }
                if (!one.began && System.nanoTime() - submitted > budget.toNanos() && one.future.cancel(false)) {
                    // Every thread is taken by passes that outlived their budget: this one waits for a later round.
                    running.remove(one.task.tenant());
                    LOG.warn("tenant {}: its pass did not start within {} s (every pass thread is busy); the next round tries",
                            one.task.tenant(), budget.toSeconds());
                    return Optional.empty();
                }
            } catch (ExecutionException e) {
                // The guard catches everything a pass throws; this is the pool's own failure.
                LOG.error("tenant {}: its pass could not run", one.task.tenant(), e.getCause());
                return Optional.empty();
            } catch (InterruptedException e) {
                // The agent is stopping: the round stops waiting; the pass ends on its own and records how far it got.
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static final class Submitted {
        private final Task task;
        private Future<Optional<PassRecord>> future;
        private volatile long beganNanos;
        private volatile boolean began;

        private Submitted(Task task) {
            this.task = task;
        }

        private void began() {
            beganNanos = System.nanoTime();
            began = true;
        }
    }
}
