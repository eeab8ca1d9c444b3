package io.mooring.certs;

import java.util.List;

/**
 * Issues a certificate for a tenant's domains from a certificate authority ({@code certs: acme}, or {@code certbot} as the
 * deploy tool calls it): an ACME client implements it. Mooring keeps what it issues encrypted, like a self-signed one, and
 * asks again at two thirds of its lifetime.
 */
public interface CertificateIssuer {
    IssuedCertificate issue(String tenant, List<String> domains) throws IssuanceException;

    /** Why no certificate was issued, in words that hold no key. */
    final class IssuanceException extends Exception {
        public IssuanceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
