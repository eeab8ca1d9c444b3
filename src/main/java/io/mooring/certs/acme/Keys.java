package io.mooring.certs.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shredzone.acme4j.util.KeyPairUtils;

/** The keys of an order and their PEM: the account key, the fresh domain key, the certificates. */
final class Keys {
    private static final String CURVE = "secp256r1";
    private static final Base64.Encoder PEM = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Keys() {
    }

    /**
     * A fresh account key as PEM: the private key (PKCS#8) and its public key, both of which an account key needs
     * (the JDK's PKCS#8 of an EC key leaves the public key out).
     */
    static String accountKeyPem() {
        KeyPair pair = domainKey();
        return block("PRIVATE KEY", pair.getPrivate().getEncoded()) + block("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    /**
     * The account key pair of {@link #accountKeyPem()}'s PEM, or of a PEM key pair of OpenSSL's ({@code EC PRIVATE
     * KEY}, {@code RSA PRIVATE KEY}); its content never appears in the failure.
     */
    static KeyPair readAccountKey(String pem) throws AcmeFailure {
        try {
            KeyPair pair = pem.contains("-----BEGIN PUBLIC KEY-----") ? pkcs8Pair(pem) : KeyPairUtils.readKeyPair(new StringReader(pem));
            if (pair == null || pair.getPrivate() == null || pair.getPublic() == null || !matching(pair)) {
                throw new AcmeFailure("ACME: the account key is not a PEM key pair (its public key is missing or not its own)");
            }
            return pair;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new AcmeFailure("ACME: the account key is not a PEM key pair (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyPair pkcs8Pair(String pem) throws GeneralSecurityException {
        byte[] privateDer = der(pem, "PRIVATE KEY");
        byte[] publicDer = der(pem, "PUBLIC KEY");
        GeneralSecurityException last = new GeneralSecurityException("neither an EC nor an RSA key");
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicDer)),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] der(String pem, String type) throws GeneralSecurityException {
        Matcher block = Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]*)-----END " + type + "-----").matcher(pem);
        if (!block.find()) {
            throw new GeneralSecurityException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(block.group(1));
    }

    private static boolean matching(KeyPair pair) throws GeneralSecurityException {
        String algorithm = pair.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "mooring account key".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(pair.getPrivate());
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(pair.getPublic());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    /** A fresh EC P-256 key pair, made by the JDK (acme4j's own helper asks for a registered BouncyCastle provider). */
    static KeyPair domainKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC " + CURVE + " keys", e);
        }
    }

    /** The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), the form web servers read. */
    static String privateKeyPem(KeyPair pair) {
        return block("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    static String certificatesPem(List<X509Certificate> chain) throws AcmeFailure {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new AcmeFailure("ACME: the CA sent a certificate that cannot be encoded: " + e.getMessage(), e);
            }
        }
        return pem.toString();
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + PEM.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
