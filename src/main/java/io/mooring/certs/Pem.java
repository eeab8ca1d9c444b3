package io.mooring.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM text in and out: certificates (a leaf and its chain, in file order) and a private key (PKCS#8, PKCS#1 RSA or SEC1 EC).
 * A failure says what the file is not, never what it holds.
 */
public final class Pem {
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private Pem() {
    }

    /** Thrown with a message that names no content. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** Every certificate of the text, in order; none, or anything unparsable, is refused. */
    public static List<X509Certificate> certificates(byte[] pem) throws Unreadable {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new Unreadable("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(new ByteArrayInputStream(pem)).forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw new Unreadable("holds no PEM certificate");
            }
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Unreadable("is not a readable PEM certificate file (a certificate block does not parse as X.509)");
        }
    }

    /** The one private key of the text. */
    public static PrivateKey privateKey(byte[] pem) throws Unreadable {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            // BouncyCastle's own provider reads every encoding (SEC1 keys too); the key is then handed to the JDK as PKCS#8.
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(PROVIDER);
            PrivateKey read = object instanceof PEMKeyPair pair ? converter.getPrivateKey(pair.getPrivateKeyInfo())
                    : object instanceof PrivateKeyInfo info ? converter.getPrivateKey(info) : null;
            if (read != null) {
                String algorithm = read.getAlgorithm().equals("ECDSA") ? "EC" : read.getAlgorithm();
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(read.getEncoded()));
            }
            throw new Unreadable(object == null ? "holds no PEM private key (-----BEGIN PRIVATE KEY-----)"
                    : "holds no unencrypted PEM private key (an encrypted key or another PEM object is not supported)");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new Unreadable("is not a readable PEM private key");
        }
    }

    /** The objects as PEM text, in order. */
    public static String write(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey key) {
                    writer.writeObject(new JcaPKCS8Generator(key, null)); // PKCS#8: "PRIVATE KEY", whatever the algorithm
                } else {
                    writer.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory", e);
        }
        return out.toString();
    }

    /** The certificate's SHA-256 over its DER encoding, hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256 and encodes its certificates", e);
        }
    }
}
