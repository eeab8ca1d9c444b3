package io.mooring.model;

import java.time.Instant;
import java.util.List;

/** One reconcile pass of one tenant on one node, as it is stored and shown. */
public record PassRecord(
        String tenant,
        String node,
        String revision,
        PassStatus status,
        String message,
        List<ActionRecord> actions,
        Instant started,
        Instant finished) {

    public PassRecord {
        revision = revision == null ? "" : revision;
        message = message == null ? "" : message;
        actions = List.copyOf(actions);
    }
}
