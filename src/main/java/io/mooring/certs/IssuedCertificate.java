package io.mooring.certs;

import java.time.Instant;

/** What a certificate authority issued: the leaf and its chain, its private key, both PEM, and when it expires. */
public record IssuedCertificate(String fullchainPem, String keyPem, Instant notAfter) {
    @Override
    public String toString() {
        return "issued certificate expiring " + notAfter;
    }
}
