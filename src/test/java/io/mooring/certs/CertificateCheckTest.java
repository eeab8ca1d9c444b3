package io.mooring.certs;

import static io.mooring.certs.TestCertificates.pem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Problem;
import io.mooring.model.TenantCertificate;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tenant's own certificate: each refusal names its file and never shows the key. */
class CertificateCheckTest {
    private static final TestCertificates CA = new TestCertificates();
    private final KeyPair key = TestCertificates.keys();

    private CertificateCheck.Outcome check(byte[] cert, byte[] keyPem, String fqdn) {
        return CertificateCheck.check("t/cert.pem", cert, "t/key.pem.age", keyPem, fqdn, Instant.now(), "custom");
    }

    private static List<String> messages(CertificateCheck.Outcome outcome) {
        return outcome.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aLeafWithItsChainInOrderAndItsKeyIsAccepted() {
        X509Certificate leaf = CA.leaf(key, "pbx.example.com", "192.0.2.10");
        CertificateCheck.Outcome outcome = check(pem(leaf, CA.intermediate), pem(key.getPrivate()), "pbx.example.com");
        assertThat(outcome.problems()).isEmpty();
        TenantCertificate certificate = outcome.certificate();
        assertThat(certificate.names()).containsExactly("pbx.example.com", "192.0.2.10");
        assertThat(certificate.fingerprint()).isEqualTo(Pem.fingerprint(leaf));
        assertThat(certificate.fullchainPem()).contains(certificate.certPem().strip());
        assertThat(certificate.toString()).doesNotContain("PRIVATE");
        assertThat(check(pem(leaf), pem(key.getPrivate()), "192.0.2.10").problems()).as("an IP SAN").isEmpty();
        assertThat(check(pem(CA.leaf(key, "*.example.com")), pem(key.getPrivate()), "pbx.example.com").problems()).as("wildcard").isEmpty();
    }

    @Test
    void aWildcardCoversOneLabelOnly() {
        byte[] wildcard = pem(CA.leaf(key, "*.example.com"));
        assertThat(messages(check(wildcard, pem(key.getPrivate()), "a.b.example.com"))).singleElement().asString()
                .contains("t/cert.pem").contains("does not cover the host's fqdn a.b.example.com").contains("*.example.com");
        assertThat(check(wildcard, pem(key.getPrivate()), "example.com").problems()).hasSize(1);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingTheKeyFileWithoutShowingIt() {
        KeyPair other = TestCertificates.keys();
        byte[] otherKey = pem(other.getPrivate());
        CertificateCheck.Outcome outcome = check(pem(CA.leaf(key, "pbx.example.com")), otherKey, "pbx.example.com");
        assertThat(outcome.certificate()).isNull();
        assertThat(messages(outcome)).singleElement().asString().startsWith("t/key.pem.age")
                .contains("is not the private key of the certificate in t/cert.pem");
        String body = new String(otherKey, StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(String.join("\n", messages(outcome))).doesNotContain(body.substring(0, 20))
                .doesNotContain(Base64.getEncoder().encodeToString(other.getPrivate().getEncoded()).substring(0, 20));
        KeyPair rsa = TestCertificates.rsaKeys();
        assertThat(messages(check(pem(CA.leaf(key, "pbx.example.com")), pem(rsa.getPrivate()), "pbx.example.com")))
                .as("another algorithm").singleElement().asString().contains("is not the private key");
    }

    @Test
    void unparsableFilesAreRefusedEachByName() {
        assertThat(messages(check("not a certificate".getBytes(StandardCharsets.US_ASCII), pem(key.getPrivate()), "x")))
                .singleElement().asString().startsWith("t/cert.pem").contains("no PEM certificate");
        byte[] broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(messages(check(broken, pem(key.getPrivate()), "x"))).singleElement().asString().startsWith("t/cert.pem");
        assertThat(messages(check(pem(CA.leaf(key, "x")), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII), "x"))).singleElement().asString().startsWith("t/key.pem.age")
                .contains("not a readable PEM private key");
        assertThat(messages(check(pem(CA.leaf(key, "x")), pem(CA.root), "x"))).singleElement().asString()
                .startsWith("t/key.pem.age").contains("no unencrypted PEM private key");
    }

    @Test
    void aChainOutOfOrderIsRefused() {
        X509Certificate leaf = CA.leaf(key, "pbx.example.com");
        assertThat(messages(check(pem(leaf, CA.root, CA.intermediate), pem(key.getPrivate()), "pbx.example.com")))
                .anySatisfy(m -> assertThat(m).startsWith("t/cert.pem").contains("chain out of order: certificate 2 (CN=Test Root)"));
        assertThat(check(pem(leaf, CA.intermediate, CA.root), pem(key.getPrivate()), "pbx.example.com").problems()).isEmpty();
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() {
        Instant now = Instant.now();
        byte[] expired = pem(CA.leaf(key, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), "pbx.example.com"));
        assertThat(messages(check(expired, pem(key.getPrivate()), "pbx.example.com"))).singleElement().asString()
                .startsWith("t/cert.pem").contains("expired on");
        byte[] future = pem(CA.leaf(key, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)), "pbx.example.com"));
        assertThat(messages(check(future, pem(key.getPrivate()), "pbx.example.com"))).singleElement().asString()
                .contains("is not valid before");
    }

    @Test
    void aSelfSignedCertificateCoversTheHostAndIsKeptAndRenewedAtTwoThirds() throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        TenantCertificate made = SelfSigned.make(List.of("pbx.example.com", "192.0.2.10", "pbx.example.com", ""), now, Duration.ofDays(90));
        assertThat(made.names()).containsExactly("pbx.example.com", "192.0.2.10");
        assertThat(made.notAfter()).isEqualTo(now.plus(Duration.ofDays(90)));
        assertThat(made.expiryDay()).isEqualTo("2027-02-28");
        CertificateCheck.Outcome again = CertificateCheck.check("c", made.certPem().getBytes(StandardCharsets.US_ASCII), "k",
                made.keyPem().getBytes(StandardCharsets.US_ASCII), "192.0.2.10", now, "selfsigned");
        assertThat(again.problems()).isEmpty();
        assertThat(Pem.privateKey(made.keyPem().getBytes(StandardCharsets.US_ASCII)).getAlgorithm()).isIn("EC", "ECDSA");
        TenantCertificate back = Certificates.unbundle("selfsigned", Certificates.bundle(made));
        assertThat(back.fingerprint()).isEqualTo(made.fingerprint());
        assertThat(CertificateCheck.matches(Pem.privateKey(back.keyPem().getBytes(StandardCharsets.US_ASCII)),
                Pem.certificates(made.certPem().getBytes(StandardCharsets.US_ASCII)).get(0))).as("the same key").isTrue();
        assertThat(Certificates.renewAt(made.notBefore(), made.notAfter()))
                .isEqualTo(made.notBefore().plus(Duration.between(made.notBefore(), made.notAfter()).multipliedBy(2).dividedBy(3)));
    }
}
