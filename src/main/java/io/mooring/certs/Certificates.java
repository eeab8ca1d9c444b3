package io.mooring.certs;

import io.mooring.model.TenantCertificate;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A certificate Mooring keeps (made or issued) as one PEM text, the chain then the key, which the state store holds only
 * encrypted; and when it is renewed: at two thirds of its lifetime.
 */
public final class Certificates {
    private Certificates() {
    }

    /** The chain, then the key, as one PEM text. */
    public static byte[] bundle(TenantCertificate certificate) {
        return (certificate.fullchainPem() + certificate.keyPem()).getBytes(StandardCharsets.US_ASCII);
    }

    /** A bundle read back; {@code source}: what made it. */
    public static TenantCertificate unbundle(String source, byte[] bundle) throws Pem.Unreadable {
        String text = new String(bundle, StandardCharsets.US_ASCII);
        int end = text.lastIndexOf("-----END CERTIFICATE-----");
        int key = end < 0 ? -1 : text.indexOf("-----BEGIN ", end);
        if (key < 0) {
            throw new Pem.Unreadable("the kept certificate holds no chain and key");
        }
        return issued(source, text.substring(0, key).getBytes(StandardCharsets.US_ASCII), text.substring(key).getBytes(StandardCharsets.US_ASCII));
    }

    /** What an issuer issued, as components get it; its key must be its certificate's. */
    public static TenantCertificate issued(String source, byte[] fullchainPem, byte[] keyPem) throws Pem.Unreadable {
        List<X509Certificate> chain = Pem.certificates(fullchainPem);
        PrivateKey key = Pem.privateKey(keyPem);
        if (!CertificateCheck.matches(key, chain.get(0))) {
            throw new Pem.Unreadable("the key is not the certificate's");
        }
        return CertificateCheck.describe(source, chain, Pem.write(key));
    }

    /** When a certificate valid from {@code notBefore} to {@code notAfter} is renewed: two thirds into its lifetime. */
    public static Instant renewAt(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
    }
}
