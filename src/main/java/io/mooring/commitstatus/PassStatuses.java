package io.mooring.commitstatus;

import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.util.Optional;

/**
 * Which status a pass's events give its commit. About to apply: running. The pass's end: converged is success;
 * failed, invalid, refused, held and internal are failure; deferred is pending (it waits for the maintenance window).
 * Unavailable (Git, the engine or a backup could not be reached; nothing was touched, the next pass retries) and drifted
 * (containers changed by hand: the host's doing, not the commit's) leave the status as it is, except that a status left
 * running by the pass is ended as an error, so that no commit shows as being applied for ever.
 */
public final class PassStatuses {
    private PassStatuses() {
    }

    /** The status of a pass about to apply {@code changes} changes at {@code revision}; empty when it names no commit. */
    public static Optional<CommitStatus> applying(String tenant, String node, String revision, int changes) {
        if (!CommitStatus.isCommit(revision)) {
            return Optional.empty();
        }
        return Optional.of(CommitStatus.of(tenant, node, revision, StatusState.RUNNING, "applying " + changes + " change(s)"));
    }

    /** The status of a pass that ended, given the state its commit shows now under this context (if any). */
    public static Optional<CommitStatus> ended(PassRecord pass, Optional<StatusState> shown) {
        if (!CommitStatus.isCommit(pass.revision())) {
            return Optional.empty();
        }
        Optional<StatusState> state = state(pass.status(), shown);
        return state.map(s -> CommitStatus.of(pass.tenant(), pass.node(), pass.revision(), s, description(pass)));
    }

    static Optional<StatusState> state(PassStatus status, Optional<StatusState> shown) {
        return switch (status) {
            case CONVERGED -> Optional.of(StatusState.SUCCESS);
            case FAILED, INVALID, REFUSED, HELD, INTERNAL -> Optional.of(StatusState.FAILURE);
            case DEFERRED -> Optional.of(StatusState.PENDING);
            case UNAVAILABLE, DRIFTED -> shown.filter(s -> s == StatusState.RUNNING).map(s -> StatusState.ERROR);
        };
    }

    /** What the status says: how the pass ended, and in a few words why (the pass's message, already free of secrets). */
    static String description(PassRecord pass) {
        String word = pass.status().name().toLowerCase(java.util.Locale.ROOT);
        return switch (pass.status()) {
            case CONVERGED -> pass.actions().isEmpty() ? "converged" : "converged: " + pass.actions().size() + " change(s) applied";
            case DEFERRED -> "deferred: waits for the maintenance window";
            default -> pass.message().isBlank() ? word : word + ": " + pass.message();
        };
    }
}
