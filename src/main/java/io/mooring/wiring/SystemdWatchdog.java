package io.mooring.wiring;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.mooring.systemd.ServiceManager;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent under systemd (the unit's {@code Type=notify}, {@code WatchdogSec=}): {@code READY=1} once its server has
 * started, {@code WATCHDOG=1} every third of the watchdog's timeout but only while a health check (the agent's
 * {@code reconcile}) is healthy, so that systemd restarts an agent whose loop has died or stalled, and
 * {@code STOPPING=1} when it stops. Without {@code NOTIFY_SOCKET} nothing is attached.
 */
public final class SystemdWatchdog implements Managed, ServerLifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdWatchdog.class);
    private final ServiceManager manager;
    private final String check;
    private final Supplier<HealthCheck.Result> health;
    private ScheduledExecutorService pinger;
    private Boolean healthy;
    private volatile boolean failing;

    /** {@code health}, the result of the health check named {@code check}, is asked before each {@code WATCHDOG=1}. */
    public SystemdWatchdog(ServiceManager manager, String check, Supplier<HealthCheck.Result> health) {
        this.manager = manager;
        this.check = check;
        this.health = health;
    }

    /** Attaches to the agent's lifecycle when systemd started it, watching the health check named {@code check}. */
    public static void attach(Environment environment, String check) {
        if (!environment.healthChecks().getNames().contains(check)) {
            throw new IllegalStateException("no health check named " + check + " to feed systemd's watchdog");
        }
        Optional<ServiceManager> found;
        try {
            found = ServiceManager.ofThisProcess();
        } catch (IllegalArgumentException e) {
            // An address this agent cannot use (vsock:, say): it runs, untold; a unit of Type=notify then fails to start.
            LOG.warn("systemd is not told the agent's state: {}", e.getMessage());
            return;
        }
        found.ifPresent(manager -> {
            SystemdWatchdog watchdog = new SystemdWatchdog(manager, check, () -> environment.healthChecks().runHealthCheck(check));
            LOG.info("systemd is the service manager ({}): the {} health check feeds its watchdog", manager, check);
            environment.lifecycle().addServerLifecycleListener(watchdog);
            environment.lifecycle().manage(watchdog);
        });
    }

    @Override
    public void serverStarted(Server server) {
        begin();
    }

    /** Tells systemd the agent is ready, and starts the watchdog's pings when its watchdog is on. */
    synchronized void begin() {
        tell("READY=1", manager::ready);
        manager.watchdogTimeout().ifPresent(timeout -> {
            long period = Math.max(1, timeout.toMillis() / 3);
            pinger = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mooring-systemd-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            pinger.scheduleAtFixedRate(this::ping, 0, period, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void start() {
        // READY=1 waits for the server: see serverStarted.
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (pinger != null) {
            pinger.shutdownNow();
            pinger.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            pinger = null;
        }
        tell("STOPPING=1", manager::stopping);
    }

    /** One tick: {@code WATCHDOG=1} when healthy; a change of health logged and shown by systemctl status. */
    private void ping() {
        HealthCheck.Result result = health.get();
        if (healthy == null || healthy != result.isHealthy()) {
            healthy = result.isHealthy();
            String line = "the " + check + " health check is " + (healthy ? "healthy"
                    : "unhealthy (" + result.getMessage() + "): systemd's watchdog is no longer told the agent is alive");
            if (!healthy) {
                LOG.warn("{}", line);
            }
            tell("STATUS=" + line, () -> manager.status(line));
        }
        if (healthy) {
            tell("WATCHDOG=1", manager::watchdog);
        }
    }

    private void tell(String what, Message message) {
        try {
            message.send();
            if (failing) {
                LOG.info("systemd's notification socket takes messages again");
            }
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot tell systemd {}: {}", what, e.getMessage());
            }
            failing = true;
        }
    }

    private interface Message {
        void send() throws IOException;
    }
}
