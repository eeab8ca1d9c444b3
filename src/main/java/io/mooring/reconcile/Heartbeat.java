package io.mooring.reconcile;

import io.dropwizard.lifecycle.Managed;
import io.mooring.model.NodeReport;
import io.mooring.state.ClusterState;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this node's report to the cluster's state every {@code cluster.heartbeatInterval}, on a thread of its own: a
 * database that does not answer costs the cluster's view of this node, never a pass. An outage is logged when it starts
 * and when it ends, not at every beat.
 */
public final class Heartbeat implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Supplier<NodeReport> reports;
    private final Consumer<NodeReport> write;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mooring-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private boolean failing;

    public Heartbeat(NodeReporter reporter, ClusterState cluster, Duration interval) {
        this(reporter::report, cluster::heartbeat, interval);
    }

    Heartbeat(Supplier<NodeReport> reports, Consumer<NodeReport> write, Duration interval) {
        this.reports = reports;
        this.write = write;
        this.interval = interval;
    }

    @Override
    public void start() {
        thread.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One heartbeat; true when it was written. Nothing it meets escapes: the next beat comes anyway. */
    boolean beat() {
        NodeReport report = null;
        try {
            report = reports.get();
            write.accept(report);
            if (failing) {
                LOG.info("node {}: the heartbeat is written again; the cluster sees this node again", report.node());
                failing = false;
            }
            return true;
        } catch (Exception e) {
            if (!failing) {
                LOG.warn("node {}: the heartbeat cannot be written ({}); passes go on, other nodes' `mooring status` shows this node"
                        + " down until it is written again; this is logged again only once it is",
                        report == null ? "?" : report.node(), e.getMessage());
                failing = true;
            }
            return false;
        }
    }

    @Override
    public void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
