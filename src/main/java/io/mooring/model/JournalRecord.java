package io.mooring.model;

import java.time.Instant;

/**
 * A rollout step about to be taken, written before it is: what a killed pass left half done. {@code detail}
 * is the hook's name for a {@link JournalStep#HOOK}, the word as read for an {@link JournalStep#UNKNOWN}, else empty.
 */
public record JournalRecord(String tenant, String node, String component, String containerName, JournalStep step,
                            String detail, String newRef, String oldId, String revision, Instant at) {
    public JournalRecord {
        detail = detail == null ? "" : detail;
    }

    /** The step as the state store keeps it, e.g. {@code healthy} or {@code hook-migrate}. */
    public String storedStep() {
        return step.stored(detail);
    }
}
