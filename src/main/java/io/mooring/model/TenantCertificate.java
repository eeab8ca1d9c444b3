package io.mooring.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's TLS certificate as its components get it: the leaf ({@code certPem}), its private key, and the leaf with its
 * chain ({@code fullchainPem}), all PEM; {@code source} is {@code selfsigned}, {@code custom} or {@code acme};
 * {@code names} the DNS names and addresses it covers; {@code fingerprint} the leaf's SHA-256. {@link #toString()}
 * never shows the key.
 */
public record TenantCertificate(String source, String certPem, String keyPem, String fullchainPem, Instant notBefore, Instant notAfter,
                                List<String> names, String fingerprint) {
    public TenantCertificate {
        names = List.copyOf(names);
    }

    /** The day it expires, as plans and passes name it ({@code 2027-03-01}, UTC). */
    public String expiryDay() {
        return notAfter.toString().substring(0, 10);
    }

    @Override
    public String toString() {
        return source + " certificate " + names + " sha256:" + fingerprint.substring(0, Math.min(12, fingerprint.length()))
                + " expires " + notAfter;
    }
}
