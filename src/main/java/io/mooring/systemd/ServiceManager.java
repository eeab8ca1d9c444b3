package io.mooring.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * systemd as the agent's service manager, when it is one: {@code NOTIFY_SOCKET} set (a unit of {@code Type=notify}),
 * and its watchdog when {@code WATCHDOG_USEC} is set for this process ({@code WATCHDOG_PID} unset, or this process's
 * id). Run any other way, the agent finds no service manager and tells nobody anything.
 */
public final class ServiceManager {
    private final NotifySocket socket;
    private final Optional<Duration> watchdog;

    ServiceManager(NotifySocket socket, Optional<Duration> watchdog) {
        this.socket = socket;
        this.watchdog = watchdog;
    }

    /** The service manager that {@code environment} names for the process {@code pid}; nothing without NOTIFY_SOCKET. */
    public static Optional<ServiceManager> of(Map<String, String> environment, long pid) {
        String notifySocket = environment.get("NOTIFY_SOCKET");
        if (notifySocket == null || notifySocket.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceManager(NotifySocket.named(notifySocket), watchdog(environment, pid)));
    }

    /** The process's own, from {@link System#getenv()}. */
    public static Optional<ServiceManager> ofThisProcess() {
        return of(System.getenv(), ProcessHandle.current().pid());
    }

    /** WATCHDOG_USEC as a duration, when set, positive, and meant for {@code pid}. */
    static Optional<Duration> watchdog(Map<String, String> environment, long pid) {
        String usec = environment.get("WATCHDOG_USEC");
        String forPid = environment.get("WATCHDOG_PID");
        if (usec == null || forPid != null && !forPid.isEmpty() && !forPid.equals(Long.toString(pid))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L))) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("WATCHDOG_USEC=" + usec + " is not a number of microseconds; it is set by systemd"
                    + " from the unit's WatchdogSec=", e);
        }
    }

    /** How long systemd waits for a {@link #watchdog()} before it acts, when its watchdog is on for this process. */
    public Optional<Duration> watchdogTimeout() {
        return watchdog;
    }

    /** The service has started. */
    public void ready() throws IOException {
        socket.send("READY=1");
    }

    /** The service is alive and well: the watchdog's timer starts again. */
    public void watchdog() throws IOException {
        socket.send("WATCHDOG=1");
    }

    /** The service is stopping. */
    public void stopping() throws IOException {
        socket.send("STOPPING=1");
    }

    /** A line of status systemctl shows. */
    public void status(String line) throws IOException {
        socket.send("STATUS=" + line.replace('\n', ' '));
    }

    @Override
    public String toString() {
        return "NOTIFY_SOCKET=" + socket + watchdog.map(d -> ", watchdog " + d).orElse("");
    }
}
