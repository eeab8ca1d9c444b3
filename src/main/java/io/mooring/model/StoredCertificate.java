package io.mooring.model;

import java.time.Instant;

/**
 * A certificate Mooring made or had issued for a tenant on a node, as the state store keeps it: {@code sealed} is the
 * certificate and its key encrypted to the agent's own identity, never plaintext; {@code renewAt} is when it is renewed.
 */
public record StoredCertificate(String tenant, String node, String source, String names, String fingerprint, Instant notAfter,
                                Instant renewAt, byte[] sealed) {
    @Override
    public String toString() {
        return source + " certificate of " + tenant + " on " + node + " " + names + " expires " + notAfter;
    }
}
