package io.mooring.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.mooring.MooringConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code acme:} block: off without a directory, each bad value refused naming its field, and only with an age identity. */
class AcmeConfigTest {
    private static final YamlConfigurationFactory<MooringConfiguration> FACTORY = new YamlConfigurationFactory<>(
            MooringConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path tmp;
    private Path identity;
    private Path trust;

    @BeforeEach
    void files() throws Exception {
        identity = Files.writeString(tmp.resolve("age.key"), "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n");
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
        trust = Files.writeString(tmp.resolve("ca.pem"), io.mooring.certs.SelfSigned.make(java.util.List.of("ca.example.com"),
                java.time.Instant.now(), java.time.Duration.ofDays(1)).certPem());
    }

    private MooringConfiguration load(String acme) throws Exception {
        String yaml = "repo: /srv/config\nsecrets: {ageIdentityFile: " + identity + "}\n" + acme;
        return FACTORY.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml");
    }

    private String errors(String yaml) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml));
        assertThat(thrown).as("refused: %s", yaml).isNotNull();
        return thrown.getMessage();
    }

    @Test
    void withoutTheBlockOrItsDirectoryThereIsNoAcmeClient() throws Exception {
        assertThat(load("").getAcme().enabled()).isFalse();
        assertThat(load("acme: {challenge: tls-alpn-01}\n").getAcme().enabled()).isFalse();
    }

    @Test
    void aFullBlockIsReadWithItsDefaults() throws Exception {
        AcmeConfig acme = load("acme:\n  directory: https://acme-staging-v02.api.letsencrypt.org/directory\n  email: ops@example.com\n"
                + "  trustFile: " + trust + "\n").getAcme();
        assertThat(acme.enabled()).isTrue();
        assertThat(acme.getEmail()).contains("ops@example.com");
        assertThat(acme.getTrustFile()).contains(trust);
        assertThat(acme.getChallenge()).isEqualTo("http-01");
        assertThat(acme.challengePort()).isEqualTo(80);
        assertThat(acme.getTlsPort()).isEqualTo(443);
        assertThat(acme.getTimeout().toJavaDuration()).hasSeconds(90);
        assertThat(load("acme: {directory: 'acme://letsencrypt.org/staging', challenge: tls-alpn-01}\n").getAcme().challengePort())
                .isEqualTo(443);
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource(delimiter = '|', value = {
            "acme: {directory: 'http://ca.example.com/dir'}          | acme.directory 'http://ca.example.com/dir' is not the https:// URL of an ACME directory",
            "acme: {directory: letsencrypt}                          | acme.directory 'letsencrypt' is not the https:// URL",
            "acme: {directory: 'https://ca example/dir'}             | acme.directory 'https://ca example/dir' is not the https:// URL",
            "acme: {directory: 'https://ca.example.com/d', email: ops}   | acme.email 'ops' is not an email address",
            "acme: {email: ops@example.com}                          | acme.directory is not set, so the acme block is off",
            "acme: {directory: 'https://ca.example.com/d', challenge: dns-01} | acme.challenge must be http-01 or tls-alpn-01",
            "acme: {directory: 'https://ca.example.com/d', httpPort: 0}      | acme.httpPort must be greater than or equal to 1",
            "acme: {directory: 'https://ca.example.com/d', tlsPort: 70000}   | acme.tlsPort must be less than or equal to 65535",
            "acme: {directory: 'https://ca.example.com/d', timeout: 0s}      | acme.timeout must be greater than or equal to 1 SECONDS",
    })
    void aBadValueIsRefusedNamingItsField(String yaml, String error) {
        assertThat(errors(yaml + "\n")).contains(error).doesNotContain("\tat ");
    }

    @Test
    void aTrustFileThatIsMissingOrHoldsNoCertificateIsRefusedNamingIt() throws Exception {
        Path missing = tmp.resolve("missing.pem");
        assertThat(errors("acme: {directory: 'https://ca.example.com/d', trustFile: " + missing + "}\n"))
                .contains("acme.trustFile " + missing + ": no such file");
        Path empty = Files.writeString(tmp.resolve("empty.pem"), "# no certificate here\n");
        assertThat(errors("acme: {directory: 'https://ca.example.com/d', trustFile: " + empty + "}\n"))
                .contains("acme.trustFile " + empty + " holds no PEM certificate");
    }

    @Test
    void anAgentWithoutAnAgeIdentityRefusesTheBlockSayingWhatToSet() {
        String yaml = "repo: /srv/config\nacme: {directory: 'https://ca.example.com/d'}\n";
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> FACTORY.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml"));
        assertThat(thrown).hasMessageContaining("acme.directory is set but secrets.ageIdentityFile is not")
                .hasMessageContaining("set secrets.ageIdentityFile");
    }
}
