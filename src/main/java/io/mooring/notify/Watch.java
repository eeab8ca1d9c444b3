package io.mooring.notify;

import io.mooring.model.TenantCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What no event tells, looked at every {@code interval} on a daemon thread of its own: this node's certificates, the
 * cluster's nodes down, this node's loop stalled; each finding handed to the {@link Notifier}. A source that fails is
 * logged and looked at again next time.
 */
public final class Watch {
    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);

    /** Where the findings come from, as the application hands them; {@code downNodes} gives null on a node not to tell them. */
    public record Sources(Supplier<Map<String, TenantCertificate>> certificates, Supplier<Set<String>> downNodes,
                          Function<Instant, Optional<String>> stalled) {
    }

    private final Notifier notifier;
    private final Sources sources;
    private final Clock clock;
    private final Duration interval;
    private Thread thread;

    public Watch(Notifier notifier, Sources sources, Clock clock, Duration interval) {
        this.notifier = notifier;
        this.sources = sources;
        this.clock = clock;
        this.interval = interval;
    }

    public synchronized void start() {
        thread = new Thread(this::run, "notify-watch");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Each source looked at once. */
    public void look() {
        Instant now = clock.instant();
        each("certificates", () -> notifier.certificates(sources.certificates().get(), now));
        each("down nodes", () -> {
            Set<String> down = sources.downNodes().get();
            if (down != null) { // null: not this node's to tell (only the cluster's leader tells of nodes down)
                notifier.downNodes(down, now);
            }
        });
        each("the reconcile loop", () -> notifier.stalled(sources.stalled().apply(now), now));
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval.toMillis());
                look();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void each(String what, Runnable look) {
        try {
            look.run();
        } catch (RuntimeException e) {
            LOG.debug("notifications could not look at {}: {}", what, e.toString());
        }
    }
}
