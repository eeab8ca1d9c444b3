package io.mooring.api;

import io.mooring.model.PassRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant on this node as the HTTP API shows it: the newest revision fetched from the repository, the
 * revision of its last pass (attempted) and how it ended, and the revision it last converged at (applied).
 */
public record TenantView(String tenant, String node, Fetched fetched, Attempted attempted, Applied applied) {
    /** The last revision fetched (null before the first fetch) and, when the last fetch failed, why and when. */
    public record Fetched(String revision, String subject, Instant at, String error, Instant failedAt) {
    }

    public record Attempted(String revision, String status, String message, Instant at) {
    }

    public record Applied(String revision, Instant at) {
    }

    public static TenantView of(String tenant, String node, Optional<Fetched> fetched, Optional<PassRecord> last,
                                Optional<PassRecord> converged) {
        return new TenantView(tenant, node, fetched.orElse(null),
                last.map(p -> new Attempted(p.revision(), p.status().name(), p.message(), p.finished())).orElse(null),
                converged.map(p -> new Applied(p.revision(), p.finished())).orElse(null));
    }
}
