package io.mooring.backup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Kills a child process that outlives its time. A pg_dump waiting on a lock writes nothing and a pg_restore that
 * stopped reading takes nothing: the thread streaming to or from it would wait forever, so the process is killed
 * from outside, its streams end, and {@link #passed} tells the failure from any other.
 */
final class ProcessDeadline implements AutoCloseable {
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mooring-process-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration timeout;
    private final ScheduledFuture<?> kill;
    private volatile boolean passed;

    ProcessDeadline(Process process, Duration timeout) {
        this.timeout = timeout;
        this.kill = WATCH.schedule(() -> {
            passed = process.isAlive();
            process.destroyForcibly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when the process was killed for running past its time. */
    boolean passed() {
        return passed;
    }

    /** What the failure says when the time passed. */
    String explanation(String what) {
        return what + " did not finish within " + words(timeout) + " (the agent's backup.dumpTimeout) and was stopped";
    }

    @Override
    public void close() {
        kill.cancel(false);
    }

    /** "6 hours", "90 minutes", "2 seconds", "1 ms". */
    static String words(Duration timeout) {
        long millis = timeout.toMillis();
        if (millis % 3_600_000 == 0) {
            return plural(timeout.toHours(), "hour");
        }
        if (millis % 60_000 == 0) {
            return plural(timeout.toMinutes(), "minute");
        }
        return millis % 1_000 == 0 ? plural(timeout.toSeconds(), "second") : millis + " ms";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
