package io.mooring.certs.acme;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate an ACME CA issued: the leaf first, then the chain (PEM), the domain key (PKCS#8 PEM, fresh for
 * every order) and the leaf's validity. {@link #toString()} leaves the key out.
 */
public record IssuedCertificate(String fullchainPem, String keyPem, Instant notBefore, Instant notAfter) {
    public IssuedCertificate {
        Objects.requireNonNull(fullchainPem, "fullchainPem");
        Objects.requireNonNull(keyPem, "keyPem");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    @Override
    public String toString() {
        return "IssuedCertificate[notBefore=" + notBefore + ", notAfter=" + notAfter + ", key=(not shown)]";
    }
}
