package io.mooring.certs.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mooring.testing.TestPebble;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificates ordered from pebble (scripts/test-env-pebble), which validates every challenge for real against
 * the issuer's own challenge server on 127.0.0.1: issued, chained to pebble's root, covering the domain, renewed
 * with a new serial and key; a domain pebble cannot reach fails in one line naming it.
 */
class AcmeIssuerIT {
    private static final InetSocketAddress HTTP = new InetSocketAddress("127.0.0.1", TestPebble.HTTP_PORT);
    private static final InetSocketAddress TLS = new InetSocketAddress("127.0.0.1", TestPebble.TLS_PORT);

    private static String accountKey;
    private static X509Certificate root;

    @BeforeAll
    static void account() throws Exception {
        accountKey = AcmeIssuer.newAccountKey();
        root = TestPebble.root();
    }

    private static AcmeSettings settings() {
        return AcmeSettings.of(TestPebble.DIRECTORY).trusting(TestPebble.TRUST).contact("ops@mooring.test")
                .answering(ChallengeKind.HTTP_01, HTTP).waitingAtMost(Duration.ofSeconds(20));
    }

    @Test
    void issuesOverHttp01AndRenewsWithANewSerialAndKey() throws Exception {
        AcmeIssuer issuer = new AcmeIssuer(settings());
        List<String> domains = List.of("web.mooring.test", "www.web.mooring.test");

        IssuedCertificate first = issuer.issue(accountKey, domains);
        List<X509Certificate> chain = verified(first, domains);
        assertThat(Listening.at(HTTP)).as("the challenge server is down once the order is done").isFalse();

        IssuedCertificate renewed = issuer.issue(accountKey, domains);
        List<X509Certificate> renewedChain = verified(renewed, domains);
        assertThat(renewedChain.get(0).getSerialNumber()).isNotEqualTo(chain.get(0).getSerialNumber());
        assertThat(renewed.keyPem()).isNotEqualTo(first.keyPem());
        assertThat(renewed.toString()).doesNotContain("PRIVATE KEY");
        System.out.printf("issued %s until %s, renewed until %s%n", domains, first.notAfter(), renewed.notAfter());
    }

    @Test
    void issuesOverTlsAlpn01() throws Exception {
        AcmeIssuer issuer = new AcmeIssuer(settings().answering(ChallengeKind.TLS_ALPN_01, TLS));
        List<String> domains = List.of("tls.mooring.test");

        verified(issuer.issue(accountKey, domains), domains);
        assertThat(Listening.at(TLS)).as("the challenge server is down once the order is done").isFalse();
    }

    @Test
    void aDomainPebbleCannotReachFailsInOneLineNamingItAndTheProblem() throws Exception {
        TestPebble.resolve("unreachable.mooring.test", "127.0.0.2"); // nothing answers there
        AcmeIssuer issuer = new AcmeIssuer(settings());

        AcmeFailure failure = catchThrowableOfType(AcmeFailure.class,
                () -> issuer.issue(accountKey, List.of("unreachable.mooring.test")));
        System.out.println(failure.getMessage());
        assertThat(failure)
                .hasMessageStartingWith("ACME: unreachable.mooring.test: the http-01 challenge failed (invalid): ")
                .hasMessageContaining("urn:ietf:params:acme:error:")
                .hasMessageNotContaining("\n");
        assertThat(Listening.at(HTTP)).isFalse();
    }

    @Test
    void aCaWhoseHttpsCertificateIsNotTrustedIsRefused() {
        AcmeIssuer issuer = new AcmeIssuer(AcmeSettings.of(TestPebble.DIRECTORY).answering(ChallengeKind.HTTP_01, HTTP));

        assertThatThrownBy(() -> issuer.issue(accountKey, List.of("web.mooring.test")))
                .isInstanceOf(AcmeFailure.class)
                .hasMessageStartingWith("ACME: web.mooring.test: account: ")
                .hasMessageNotContaining("\n");
    }

    /** The chain, checked: it verifies up to pebble's root, its leaf names the domains, the key is the leaf's. */
    private static List<X509Certificate> verified(IssuedCertificate issued, List<String> domains) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = factory.generateCertificates(
                        new ByteArrayInputStream(issued.fullchainPem().getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
        assertThat(chain).hasSizeGreaterThanOrEqualTo(2);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);

        X509Certificate leaf = chain.get(0);
        List<String> names = leaf.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(domains);
        assertThat(issued.notBefore()).isEqualTo(leaf.getNotBefore().toInstant());
        assertThat(issued.notAfter()).isEqualTo(leaf.getNotAfter().toInstant());

        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(
                issued.keyPem().replaceAll("-----[A-Z ]+-----", ""))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(domains.get(0).getBytes(StandardCharsets.US_ASCII));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(domains.get(0).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).as("the key is the certificate's").isTrue();
        return chain;
    }
}
