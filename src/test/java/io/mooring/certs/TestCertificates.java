package io.mooring.certs;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for tests, made with BouncyCastle: a root, an intermediate it signs, and leaves the intermediate signs. */
public final class TestCertificates {
    public final KeyPair rootKey = keys();
    public final X509Certificate root;
    public final KeyPair intermediateKey = keys();
    public final X509Certificate intermediate;

    public TestCertificates() {
        Instant now = Instant.now();
        root = sign("CN=Test Root", rootKey, "CN=Test Root", rootKey, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), true,
                List.of());
        intermediate = sign("CN=Test Intermediate", intermediateKey, "CN=Test Root", rootKey, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), true, List.of());
    }

    /** A leaf for the names (IP literals as IP SANs), signed by the intermediate. */
    public X509Certificate leaf(KeyPair key, Instant from, Instant to, String... names) {
        return sign("CN=" + names[0], key, "CN=Test Intermediate", intermediateKey, from, to, false, List.of(names));
    }

    public X509Certificate leaf(KeyPair key, String... names) {
        return leaf(key, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(10)), names);
    }

    public static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey, Instant from, Instant to,
                                        boolean ca, List<String> names) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), new X500Name(subject), subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
                        .map(n -> n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new)));
            }
            String algorithm = issuerKey.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm)
                    .build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of certificates and keys, in order. */
    public static byte[] pem(Object... objects) {
        return Pem.write(objects).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
