package io.mooring.reconcile;

import io.mooring.certs.CertificateIssuer;
import io.mooring.model.SecretSealer;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's certificate settings: how long a self-signed certificate lives ({@code certificates.lifetime}), what
 * encrypts the certificates it keeps (its own age identity), and the ACME client, when one is set up.
 */
public record CertificateSettings(Duration lifetime, SecretSealer sealer, Optional<CertificateIssuer> issuer) {
    public static final CertificateSettings DEFAULT = new CertificateSettings(Duration.ofDays(90), SecretSealer.NONE, Optional.empty());
}
