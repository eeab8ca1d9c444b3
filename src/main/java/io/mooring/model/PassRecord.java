package io.mooring.model;

import java.time.Instant;
import java.util.List;

/**
 * One reconcile pass of one tenant on one node, as it is stored and shown; or, when a pass had nothing to do, the run of
 * {@code repeats} such passes in a row, identical but for their times, the last of which finished at {@code lastFinished}.
 */
public record PassRecord(
        String tenant,
        String node,
        String revision,
        PassStatus status,
        String message,
        List<ActionRecord> actions,
        Instant started,
        Instant finished,
        int repeats,
        Instant lastFinished) {
    /** What a pass that changed nothing says. */
    public static final String NOTHING_TO_DO = "nothing to do";

    public PassRecord {
        revision = revision == null ? "" : revision;
        message = message == null ? "" : message;
        actions = List.copyOf(actions);
        repeats = Math.max(1, repeats);
        lastFinished = lastFinished == null ? finished : lastFinished;
    }

    public PassRecord(String tenant, String node, String revision, PassStatus status, String message, List<ActionRecord> actions,
                      Instant started, Instant finished) {
        this(tenant, node, revision, status, message, actions, started, finished, 1, finished);
    }

    /** A converged pass that had nothing to do: what the history keeps as one row however often it repeats. */
    public boolean nothingDone() {
        return status == PassStatus.CONVERGED && message.equals(NOTHING_TO_DO)
                && actions.stream().allMatch(a -> a.outcome() != ActionOutcome.DONE && a.outcome() != ActionOutcome.FAILED);
    }

    /** Whether {@code next}, a later pass, repeats this one: both had nothing to do, at the same revision, with the same actions. */
    public boolean repeatedBy(PassRecord next) {
        return nothingDone() && next.nothingDone() && tenant.equals(next.tenant) && node.equals(next.node)
                && revision.equals(next.revision) && actions.equals(next.actions);
    }

    /** This run of passes with {@code next} added to it. */
    public PassRecord repeated(PassRecord next) {
        return new PassRecord(tenant, node, revision, status, message, actions, started, finished, repeats + 1, next.lastFinished);
    }

    /** The same pass with its actions. */
    public PassRecord withActions(List<ActionRecord> others) {
        return new PassRecord(tenant, node, revision, status, message, others, started, finished, repeats, lastFinished);
    }
}
