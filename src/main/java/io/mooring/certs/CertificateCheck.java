package io.mooring.certs;

import io.mooring.model.Location;
import io.mooring.model.Problem;
import io.mooring.model.TenantCertificate;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's own certificate ({@code certs: custom}) checked before anything is applied: both files parse, the key is the
 * certificate's (a signature made with it verifies with the certificate's public key), the chain is in order (each
 * certificate issued by the next), every certificate is valid now, and the leaf covers the host's {@code fqdn}. Each
 * problem names its file; none shows what the files hold.
 */
public final class CertificateCheck {
    private CertificateCheck() {
    }

    /** The outcome: the certificate as components get it, or the problems that refuse it. */
    public record Outcome(TenantCertificate certificate, List<Problem> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    /** {@code certFile} and {@code keyFile}: the paths the files were read from, as problems name them. */
    public static Outcome check(String certFile, byte[] certPem, String keyFile, byte[] keyPem, String fqdn, Instant now, String source) {
        List<Problem> problems = new ArrayList<>();
        List<X509Certificate> chain = null;
        PrivateKey key = null;
        try {
            chain = Pem.certificates(certPem);
        } catch (Pem.Unreadable e) {
            problems.add(new Problem(Location.of(certFile), e.getMessage()));
        }
        try {
            key = Pem.privateKey(keyPem);
        } catch (Pem.Unreadable e) {
            problems.add(new Problem(Location.of(keyFile), e.getMessage()));
        }
        if (chain == null) {
            return new Outcome(null, problems);
        }
        X509Certificate leaf = chain.get(0);
        if (key != null && !matches(key, leaf)) {
            problems.add(new Problem(Location.of(keyFile), "is not the private key of the certificate in " + certFile
                    + " (the public keys differ): commit the key the certificate was issued for"));
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!issuedBy(chain.get(i), chain.get(i + 1))) {
                problems.add(new Problem(Location.of(certFile), "chain out of order: certificate " + (i + 1) + " ("
                        + chain.get(i).getSubjectX500Principal().getName() + ") is not issued by certificate " + (i + 2) + " ("
                        + chain.get(i + 1).getSubjectX500Principal().getName() + "); put the leaf first, then each issuer"));
            }
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String which = i == 0 ? "the certificate" : "chain certificate " + (i + 1);
            if (now.isAfter(c.getNotAfter().toInstant())) {
                problems.add(new Problem(Location.of(certFile), which + " (" + c.getSubjectX500Principal().getName() + ") expired on "
                        + c.getNotAfter().toInstant()));
            } else if (now.isBefore(c.getNotBefore().toInstant())) {
                problems.add(new Problem(Location.of(certFile), which + " (" + c.getSubjectX500Principal().getName()
                        + ") is not valid before " + c.getNotBefore().toInstant()));
            }
        }
        List<String> names = Names.of(leaf);
        if (fqdn != null && !fqdn.isBlank() && !Names.covers(names, fqdn)) {
            problems.add(new Problem(Location.of(certFile), "the certificate does not cover the host's fqdn " + fqdn
                    + " (its subject alternative names: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"));
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        // The key as committed (its own encoding), the certificates written out again one by one.
        return new Outcome(describe(source, chain, new String(keyPem, StandardCharsets.US_ASCII)), List.of());
    }

    /** The certificate as components get it: the leaf, the key, the leaf with its chain. */
    static TenantCertificate describe(String source, List<X509Certificate> chain, String keyPem) {
        X509Certificate leaf = chain.get(0);
        return new TenantCertificate(source, Pem.write(leaf), keyPem, Pem.write(chain.toArray()), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), Names.of(leaf), Pem.fingerprint(leaf));
    }

    /** Whether a signature made with the key verifies with the certificate's public key. */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        byte[] probe = "mooring key check".getBytes(StandardCharsets.US_ASCII);
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean issuedBy(X509Certificate child, X509Certificate issuer) {
        if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            child.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
