package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import io.mooring.systemd.NotifyReceiver;
import io.mooring.systemd.ServiceManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog's pings on a real unix datagram socket: READY=1, then WATCHDOG=1 while the health check is healthy,
 * none while it is not (however many times it is asked), again once it is healthy, and STOPPING=1 at the end.
 */
class SystemdWatchdogTest {
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final Semaphore asked = new Semaphore(0);

    private HealthCheck.Result check() {
        HealthCheck.Result result = healthy.get() ? HealthCheck.Result.healthy() : HealthCheck.Result.unhealthy("no round since noon");
        asked.release();
        return result;
    }

    @Test
    void pingsOnlyWhileTheHealthCheckIsHealthy(@TempDir Path tmp) throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bind(tmp.resolve("notify").toString())) {
            // WatchdogSec=300ms: a health check every 100 ms.
            ServiceManager manager = ServiceManager.of(Map.of("NOTIFY_SOCKET", systemd.address(), "WATCHDOG_USEC", "300000"),
                    ProcessHandle.current().pid()).orElseThrow();
            SystemdWatchdog watchdog = new SystemdWatchdog(manager, "reconcile", this::check);
            watchdog.begin();
            assertThat(systemd.next()).isEqualTo("READY=1");
            assertThat(systemd.until("WATCHDOG=1"::equals)).containsExactly("STATUS=the reconcile health check is healthy", "WATCHDOG=1");
            assertThat(systemd.next()).isEqualTo("WATCHDOG=1");

            healthy.set(false);
            List<String> untilUnhealthy = systemd.until(m -> m.startsWith("STATUS="));
            assertThat(untilUnhealthy.get(untilUnhealthy.size() - 1)).contains("unhealthy (no round since noon)");
            asked.drainPermits();
            assertThat(asked.tryAcquire(5, 60, TimeUnit.SECONDS)).as("the health check asked five more times").isTrue();
            healthy.set(true);
            List<String> whileUnhealthy = systemd.until(m -> m.startsWith("STATUS="));
            assertThat(whileUnhealthy).containsExactly("STATUS=the reconcile health check is healthy");
            assertThat(systemd.next()).isEqualTo("WATCHDOG=1");

            watchdog.stop();
            assertThat(systemd.until("STOPPING=1"::equals)).allMatch(m -> m.equals("WATCHDOG=1") || m.equals("STOPPING=1"));
        }
    }

    @Test
    void withoutAWatchdogOnlyReadyAndStopping(@TempDir Path tmp) throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bind(tmp.resolve("notify").toString())) {
            // WATCHDOG_PID names another process: the watchdog is not this one's.
            ServiceManager manager = ServiceManager.of(Map.of("NOTIFY_SOCKET", systemd.address(), "WATCHDOG_USEC", "300000",
                    "WATCHDOG_PID", "1"), ProcessHandle.current().pid()).orElseThrow();
            SystemdWatchdog watchdog = new SystemdWatchdog(manager, "reconcile", this::check);
            watchdog.begin();
            watchdog.stop();
            assertThat(systemd.until("STOPPING=1"::equals)).containsExactly("READY=1", "STOPPING=1");
            assertThat(asked.availablePermits()).isZero();
        }
    }
}
