package io.mooring.reconcile;

import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Whose pass this is, on which node, at which revision (empty when none could be fetched), and when it started. */
record PassStart(String tenant, String node, String revision, Instant started, Clock clock) {
    static PassStart now(String tenant, String node, String revision, Clock clock) {
        return new PassStart(tenant, node, revision, clock.instant(), clock);
    }

    /** The pass, ended now with no action taken. */
    PassRecord ended(PassStatus status, String message) {
        return new PassRecord(tenant, node, revision, status, message, List.of(), started, clock.instant());
    }
}
