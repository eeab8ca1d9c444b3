package io.mooring.reconcile;

import io.mooring.certs.CertificateIssuer;
import io.mooring.model.SecretSealer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's certificate settings: how long a self-signed certificate lives ({@code certificates.lifetime}), what
 * encrypts the certificates it keeps (its own age identity), the ACME client, when one is set up, and the private tmpfs
 * folder where an agent without an identity keeps them.
 */
public record CertificateSettings(Duration lifetime, SecretSealer sealer, Optional<CertificateIssuer> issuer, Optional<Path> filesDir) {
    public CertificateSettings(Duration lifetime, SecretSealer sealer, Optional<CertificateIssuer> issuer) {
        this(lifetime, sealer, issuer, Optional.empty());
    }

    /** The same, an agent without an identity keeping its certificates in its private tmpfs folder ({@code secrets.filesDir}). */
    public CertificateSettings keptIn(Path folder) {
        return new CertificateSettings(lifetime, sealer, issuer, Optional.of(folder));
    }

    public static final CertificateSettings DEFAULT = new CertificateSettings(Duration.ofDays(90), SecretSealer.NONE, Optional.empty());
}
