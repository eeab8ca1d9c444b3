package io.mooring.wiring;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does on its own (its reconcile loop, heartbeat and election) started a moment after its server has
 * started, not with it: their first rounds (a pass over a hundred tenants, the first lease and report) took the CPU the
 * server's start and first answers need, and a supervisor's first health probe waited for them. The moment is counted
 * from when the API has been made too ({@link ApiAside}), so that its first answers do not wait for those rounds either.
 * It is stopped where it was registered among the others: a start not yet made is then never made, one under way is
 * waited for.
 *
 * <p>The moment is waited for by a thread of its own that ends once the start is made, not by a pool whose idle
 * thread times out: {@link java.util.concurrent.ScheduledThreadPoolExecutor} warns that such a pool may be left
 * without a thread when its task falls due.
 */
public final class AfterStart implements Managed, ServerLifecycleListener {
    static final Duration DELAY = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(AfterStart.class);

    private final Managed managed;
    private final Duration delay;
    private final CompletableFuture<?> first;
    private final Object lock = new Object();
    private boolean stopped;
    private boolean starting;
    private Thread waiting;

    AfterStart(Managed managed, Duration delay, CompletableFuture<?> first) {
        this.managed = managed;
        this.delay = delay;
        this.first = first;
    }

    /**
     * {@code managed} started {@link #DELAY} after the server of {@code lifecycle} has started and {@code first} is done
     * (or failed), and stopped with it.
     */
    public static void manage(LifecycleEnvironment lifecycle, Managed managed, CompletableFuture<?> first) {
        AfterStart after = new AfterStart(managed, DELAY, first);
        lifecycle.addServerLifecycleListener(after);
        lifecycle.manage(after);
    }

    @Override
    public void serverStarted(Server server) {
        synchronized (lock) {
            if (stopped || waiting != null) {
                return;
            }
            waiting = new Thread(this::startAtTheMoment, "mooring-after-start");
            waiting.setDaemon(true);
            waiting.start();
        }
    }

    private void startAtTheMoment() {
        try {
            first.handle((done, failure) -> null).get();
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            return;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // handled above: never
        }
        synchronized (lock) {
            if (stopped) {
                return;
            }
            starting = true;
        }
        try {
            managed.start();
        } catch (Exception e) {
            LOG.error("{} did not start", managed, e);
        }
    }

    /**
     * A start not yet made is dropped, one under way waited for (30 s at most, not interrupted); then what it manages
     * is stopped (started or not).
     */
    @Override
    public void stop() throws Exception {
        Thread thread;
        boolean underWay;
        synchronized (lock) {
            stopped = true;
            thread = waiting;
            underWay = starting;
        }
        if (thread != null) {
            if (!underWay) {
                thread.interrupt();
            }
            thread.join(30_000);
        }
        managed.stop();
    }
}
