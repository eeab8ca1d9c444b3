package io.mooring.wiring;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does on its own (its reconcile loop, heartbeat and election) started a moment after its server has
 * started, not with it: their first rounds (a pass over a hundred tenants, the first lease and report) took the CPU the
 * server's start and first answers need, and a supervisor's first health probe waited for them. It is stopped where it
 * was registered among the others: a start not yet made is then never made.
 */
public final class AfterStart implements Managed, ServerLifecycleListener {
    static final Duration DELAY = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(AfterStart.class);

    private final Managed managed;
    private final Duration delay;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "mooring-after-start");
        thread.setDaemon(true);
        return thread;
    });

    AfterStart(Managed managed, Duration delay) {
        this.managed = managed;
        this.delay = delay;
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Its one start made, the timer's thread ends instead of idling for the agent's life.
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** {@code managed} started {@link #DELAY} after the server of {@code lifecycle}, and stopped with it. */
    public static void manage(LifecycleEnvironment lifecycle, Managed managed) {
        AfterStart after = new AfterStart(managed, DELAY);
        lifecycle.addServerLifecycleListener(after);
        lifecycle.manage(after);
    }

    @Override
    public void serverStarted(Server server) {
        timer.schedule(this::startManaged, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startManaged() {
        try {
            managed.start();
        } catch (Exception e) {
            LOG.error("{} did not start", managed, e);
        }
    }

    /** A start not yet made is dropped, one under way waited for; then what it manages is stopped (started or not). */
    @Override
    public void stop() throws Exception {
        timer.shutdown();
        timer.awaitTermination(30, TimeUnit.SECONDS);
        managed.stop();
    }
}
