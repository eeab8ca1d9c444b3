package io.mooring.model;

import java.time.Instant;

/** A rollout step about to be taken, written before it is: what a killed pass left half done. */
public record JournalRecord(String tenant, String node, String component, String containerName, String step,
                            String newRef, String oldId, String revision, Instant at) {
}
