package io.mooring.state.jdbi;

import io.mooring.model.NodeReport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two agents started under one node name, as a heartbeat finds them: the node's row, last written by this process, holds
 * another start time. Each of the two then overwrites the other's row at every beat, so each finds the other again and again;
 * the note both write into the row ({@code mooring status}) lasts while that goes on, for ten heartbeat intervals after the
 * last time. Said in the log as an error, at most once a minute.
 */
final class DuplicateNodes {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateNodes.class);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int KEPT_INTERVALS = 10;

    private record Seen(String note, long atNanos, long loggedNanos) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** The row of {@code mine}'s node was written by another agent, started at {@code started}, known by {@code address}. */
    void seen(NodeReport mine, String address, String started) {
        long now = System.nanoTime();
        String note = "two agents report as node " + mine.node() + ": one at " + mine.address() + " started " + mine.started()
                + ", another at " + address + " started " + started + "; each overwrites the other's heartbeat: give one of them"
                + " another node name (its node: setting), or stop it";
        Seen before = seen.get(mine.node());
        boolean log = before == null || now - before.loggedNanos() >= LOG_EVERY_NANOS;
        seen.put(mine.node(), new Seen(note, now, log ? now : before.loggedNanos()));
        if (log) {
            LOG.error("node {}: {}", mine.node(), note);
        }
    }

    /** The note for the node's row while another agent was found under its name lately; null otherwise. */
    String note(String node, Duration interval) {
        Seen last = seen.get(node);
        if (last == null) {
            return null;
        }
        if (System.nanoTime() - last.atNanos() > interval.multipliedBy(KEPT_INTERVALS).toNanos()) {
            seen.remove(node);
            LOG.info("node {}: no other agent has written this node's heartbeat for {} intervals", node, KEPT_INTERVALS);
            return null;
        }
        return last.note();
    }
}
