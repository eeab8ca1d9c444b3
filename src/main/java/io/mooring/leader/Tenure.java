package io.mooring.leader;

import io.mooring.state.Leadership;
import java.time.Duration;
import java.util.Optional;

/**
 * This node's own view of its term, by the monotonic clock: held until {@code renewDeadline} after the start of
 * the last round that renewed it. The deadline is shorter than the lease, and counted from before the renewal was
 * sent, so that this node stops leading before the database's lease runs out; a process paused past it (SIGSTOP, a
 * long GC) finds, once it runs again, that it no longer leads, before it asks the database anything.
 */
record Tenure(Optional<Leadership.Term> term, long renewedNanos) {
    static final Tenure NONE = new Tenure(Optional.empty(), 0);

    static Tenure renewed(Leadership.Term term, long roundStartedNanos) {
        return new Tenure(Optional.of(term), roundStartedNanos);
    }

    /** The term, while the deadline has not passed at {@code nowNanos}. */
    Optional<Leadership.Term> current(long nowNanos, Duration renewDeadline) {
        return term.filter(t -> nowNanos - renewedNanos < renewDeadline.toNanos());
    }
}
