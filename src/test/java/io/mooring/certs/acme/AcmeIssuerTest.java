package io.mooring.certs.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an order refuses before it asks the CA anything, each in one line that shows no key. */
class AcmeIssuerTest {
    private static final URI NOWHERE = URI.create("https://ca.invalid/dir");
    private final AcmeIssuer issuer = new AcmeIssuer(AcmeSettings.of(NOWHERE));

    @Test
    void refusesDomainsNoChallengeOfItsOwnCanProve() {
        String key = AcmeIssuer.newAccountKey();
        assertThatThrownBy(() -> issuer.issue(key, List.of())).hasMessage("ACME: no domain to order a certificate for");
        assertThatThrownBy(() -> issuer.issue(key, List.of("*.web.example")))
                .hasMessage("ACME: \"*.web.example\" is not a DNS name a certificate can be ordered for"
                        + " (a wildcard needs the dns-01 challenge)");
        assertThatThrownBy(() -> issuer.issue(key, List.of("web.example", "localhost")))
                .hasMessage("ACME: \"localhost\" is not a DNS name a certificate can be ordered for");
        assertThatThrownBy(() -> issuer.issue(key, List.of("-web.example\n")))
                .hasMessage("ACME: \"-web.example?\" is not a DNS name a certificate can be ordered for");
        assertThatThrownBy(() -> issuer.issue(key, List.of("web.example", "WEB.example")))
                .hasMessage("ACME: WEB.example is named twice");
    }

    @Test
    void anAccountKeyThatIsNotAKeyPairIsRefusedWithoutShowingIt() {
        String certificateLike = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> issuer.issue(certificateLike, List.of("web.example")))
                .isInstanceOf(AcmeFailure.class)
                .hasMessageStartingWith("ACME: the account key is not a PEM key pair")
                .hasMessageNotContaining("c2VjcmV0");
        String one = AcmeIssuer.newAccountKey();
        String other = AcmeIssuer.newAccountKey();
        String mixed = one.substring(0, one.indexOf("-----BEGIN PUBLIC KEY-----")) + other.substring(other.indexOf("-----BEGIN PUBLIC KEY-----"));
        assertThatThrownBy(() -> issuer.issue(mixed, List.of("web.example")))
                .hasMessage("ACME: the account key is not a PEM key pair (its public key is missing or not its own)");
        assertThatThrownBy(() -> issuer.issue("secret-secret", List.of("web.example")))
                .hasMessageStartingWith("ACME: the account key is not a PEM key pair").hasMessageNotContaining("secret-secret");
    }

    @Test
    void newAccountKeysAreFreshKeyPairs() throws AcmeFailure {
        String one = AcmeIssuer.newAccountKey();
        assertThat(one).startsWith("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN PUBLIC KEY-----");
        assertThat(AcmeIssuer.newAccountKey()).isNotEqualTo(one);
        assertThat(Keys.readAccountKey(one).getPublic().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aTrustFileWithoutCertificatesIsNamed(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("ca.pem"), "no certificate here\n");
        AcmeIssuer trusting = new AcmeIssuer(AcmeSettings.of(NOWHERE).trusting(empty));
        assertThatThrownBy(() -> trusting.issue(AcmeIssuer.newAccountKey(), List.of("web.example")))
                .isInstanceOf(AcmeFailure.class)
                .hasMessageStartingWith("ACME: " + empty + " holds no PEM certificate to trust");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> new AcmeIssuer(AcmeSettings.of(NOWHERE).trusting(missing))
                        .issue(AcmeIssuer.newAccountKey(), List.of("web.example")))
                .hasMessageStartingWith("ACME: cannot read the trusted certificates of " + missing);
    }
}
