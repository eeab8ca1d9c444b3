package io.mooring.model;

import java.time.Duration;

/**
 * How Swarm rolls a service's tasks over to a new spec ({@code deploy.update_config}), and back
 * ({@code deploy.rollback_config} is the same policy: Mooring rolls back as it rolled out).
 *
 * @param parallelism   tasks updated at once (0: all)
 * @param delay         between two batches
 * @param order         {@code start-first} (Mooring's default: the new task is healthy before the old one stops) or
 *                      {@code stop-first}
 * @param failureAction {@code rollback} (Mooring's default), {@code pause} or {@code continue}
 * @param monitor       how long a new task is watched for failure; by default long enough for its health check to
 *                      say healthy or not (start period plus interval times retries)
 * @param maxFailureRatio the share of tasks that may fail during the update before the failure action
 */
public record SwarmUpdate(int parallelism, Duration delay, String order, String failureAction, Duration monitor,
                          double maxFailureRatio) {
    public static final String START_FIRST = "start-first";
    public static final String STOP_FIRST = "stop-first";

    public SwarmUpdate {
        if (!order.equals(START_FIRST) && !order.equals(STOP_FIRST)) {
            throw new IllegalArgumentException("update order must be start-first or stop-first, not '" + order + "'");
        }
        if (!java.util.Set.of("rollback", "pause", "continue").contains(failureAction)) {
            throw new IllegalArgumentException("failure_action must be rollback, pause or continue, not '" + failureAction + "'");
        }
    }

    /** Mooring's default for a service whose health check says healthy within {@code monitor}. */
    public static SwarmUpdate defaults(Duration monitor) {
        return new SwarmUpdate(1, Duration.ZERO, START_FIRST, "rollback", monitor, 0);
    }
}
