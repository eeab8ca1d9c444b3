package io.mooring.api;

import io.mooring.model.PassRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant on this node as the HTTP API shows it: the newest revision fetched from the repository, the
 * revision of its last pass (attempted) and how it ended, and the revision it last converged at (applied).
 */
public record TenantView(String tenant, String node, Fetched fetched, Attempted attempted, Applied applied, Attempted lastError,
                         Certificate certificate) {
    /**
     * The tenant's TLS certificate as its containers were last given it here (null: none): where it comes from
     * ({@code selfsigned}, {@code custom} or {@code acme}), the names it covers, when it expires, its SHA-256.
     */
    public record Certificate(String source, List<String> names, Instant notAfter, String fingerprint) {
    }

    /** The last revision fetched (null before the first fetch) and, when the last fetch failed, why and when. */
    public record Fetched(String revision, String subject, Instant at, String error, Instant failedAt) {
    }

    public record Attempted(String revision, String status, String message, Instant at) {
    }

    public record Applied(String revision, Instant at) {
    }

    /** {@code failed}: the newest pass that ended in a failure, kept in view after later passes (held ones) say less. */
    public static TenantView of(String tenant, String node, Optional<Fetched> fetched, Optional<PassRecord> last,
                                Optional<PassRecord> converged, Optional<PassRecord> failed) {
        return new TenantView(tenant, node, fetched.orElse(null), last.map(TenantView::attempted).orElse(null),
                converged.map(p -> new Applied(p.revision(), p.finished())).orElse(null), failed.map(TenantView::attempted).orElse(null),
                null);
    }

    /** This view with the tenant's certificate, when it has one. */
    public TenantView with(Optional<Certificate> certificate) {
        return new TenantView(tenant, node, fetched, attempted, applied, lastError, certificate.orElse(null));
    }

    private static Attempted attempted(PassRecord pass) {
        return new Attempted(pass.revision(), pass.status().name(), pass.message(), pass.finished());
    }
}
