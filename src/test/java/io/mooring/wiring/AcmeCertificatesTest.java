package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.mooring.certs.CertificateIssuer;
import io.mooring.certs.acme.AcmeIssuer;
import io.mooring.certs.acme.AcmeSettings;
import io.mooring.certs.acme.ChallengeKind;
import io.mooring.config.AcmeConfig;
import io.mooring.crypto.AgeCryptoTestKeys;
import io.mooring.crypto.AgeSealer;
import io.mooring.model.SecretSealer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's ACME client: its settings as the {@code acme:} block says, its account key made once and kept encrypted and
 * private under the agent's home, and a failed order not placed again before its wait has passed.
 */
class AcmeCertificatesTest {
    private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

    @TempDir
    Path home;

    private static SecretSealer sealer() throws Exception {
        return new AgeSealer(AgeCryptoTestKeys.identity(AgeCryptoTestKeys.pair()[0]));
    }

    @Test
    void theBlockBecomesTheClientsSettings() throws Exception {
        AcmeConfig acme = YAML.readValue("directory: https://acme-staging-v02.api.letsencrypt.org/directory\nemail: ops@example.com\n"
                + "trustFile: /etc/mooring/ca.pem\nchallenge: tls-alpn-01\ntlsPort: 8443\ntimeout: 30s\n", AcmeConfig.class);
        assertThat(AcmeCertificates.settings(acme)).isEqualTo(new AcmeSettings(
                URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"), Optional.of(Path.of("/etc/mooring/ca.pem")),
                Optional.of("ops@example.com"), ChallengeKind.TLS_ALPN_01, new InetSocketAddress(8443), Duration.ofSeconds(30)));
        AcmeConfig defaults = YAML.readValue("directory: acme://letsencrypt.org\n", AcmeConfig.class);
        assertThat(AcmeCertificates.settings(defaults)).isEqualTo(AcmeSettings.of(URI.create("acme://letsencrypt.org")));
        assertThat(AcmeCertificates.of(new AcmeConfig(), SecretSealer.NONE, home)).as("off without a directory").isEmpty();
    }

    @Test
    void theAccountKeyIsMadeOnceAndKeptEncryptedInAPrivateFile() throws Exception {
        SecretSealer sealer = sealer();
        AccountKey key = new AccountKey(home, sealer, AcmeIssuer::newAccountKey);
        String pem = key.pem();

        Path file = home.resolve("acme/account-key.age");
        assertThat(key.file()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        String kept = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(kept).startsWith("age-encryption.org/v1").doesNotContain("PRIVATE KEY");
        pem.lines().filter(l -> !l.startsWith("-----")).forEach(line -> assertThat(kept).doesNotContain(line));
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).as("no partial file left").containsExactly(file);
        }

        assertThat(new AccountKey(home, sealer, () -> {
            throw new AssertionError("made again");
        }).pem()).isEqualTo(pem);
        AccountKey.Unusable other = catchThrowableOfType(AccountKey.Unusable.class, () -> new AccountKey(home, sealer(),
                AcmeIssuer::newAccountKey).pem());
        assertThat(other).hasMessageStartingWith("the ACME account key " + file + " cannot be decrypted")
                .hasMessageEndingWith("move it away to register a new account").hasMessageNotContaining("AGE-SECRET-KEY");
    }

    @Test
    void aFailedOrderIsNotPlacedAgainBeforeItsWaitHasPassed() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket ca = new ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress())) {
            Thread refuser = new Thread(() -> refuse(ca, connections));
            refuser.setDaemon(true);
            refuser.start();
            MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
            AcmeSettings settings = AcmeSettings.of(URI.create("https://127.0.0.1:" + ca.getLocalPort() + "/dir"))
                    .answering(ChallengeKind.HTTP_01, new InetSocketAddress("127.0.0.1", 0)).waitingAtMost(Duration.ofSeconds(5));
            AcmeCertificates acme = new AcmeCertificates(settings, new AccountKey(home, sealer(), AcmeIssuer::newAccountKey), clock,
                    new SplittableRandom(1));
            List<String> domains = List.of("pbx.example.com");

            CertificateIssuer.IssuanceException first = catchThrowableOfType(CertificateIssuer.IssuanceException.class,
                    () -> acme.issue("acme", domains));
            assertThat(first).hasMessageStartingWith("ACME: pbx.example.com: account: ").hasMessageContaining("the CA is asked again after");
            int asked = connections.get();
            assertThat(asked).isPositive();

            clock.now = clock.now.plusSeconds(40);
            CertificateIssuer.IssuanceException held = catchThrowableOfType(CertificateIssuer.IssuanceException.class,
                    () -> acme.issue("acme", domains));
            assertThat(held).hasMessageStartingWith("ACME: pbx.example.com: account: ")
                    .hasMessageContaining("1 failed order(s) in a row; the CA is asked again after 2026-12-01T00:0");
            assertThat(connections.get()).as("the CA not asked while the wait lasts").isEqualTo(asked);

            clock.now = clock.now.plusSeconds(40); // past 72 s, the longest first wait
            catchThrowableOfType(CertificateIssuer.IssuanceException.class, () -> acme.issue("acme", domains));
            assertThat(connections.get()).as("asked again once the wait has passed").isGreaterThan(asked);
        }
    }

    /** A CA that takes every connection and closes it at once. */
    private static void refuse(ServerSocket ca, AtomicInteger connections) {
        while (!ca.isClosed()) {
            try (Socket client = ca.accept()) {
                connections.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aCommandAsksTheAuthorityOnlyOnceItsDatabaseIsOpen() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        io.mooring.certs.IssuedCertificate issued = new io.mooring.certs.IssuedCertificate("chain", "key", Instant.EPOCH);
        CertificateIssuer authority = (tenant, domains) -> {
            asked.incrementAndGet();
            return issued;
        };
        io.mooring.reconcile.CertificateSettings settings = new io.mooring.reconcile.CertificateSettings(Duration.ofDays(90),
                SecretSealer.NONE, Optional.of(authority));

        CertificateIssuer refused = AcmeCertificates.askingOnceReady(settings, () -> {
            throw new IllegalStateException("the state database is held");
        }).issuer().orElseThrow();
        assertThat(catchThrowableOfType(() -> refused.issue("t1", List.of("t1.example.test")), CertificateIssuer.IssuanceException.class))
                .hasMessageContaining("not asked").hasMessageContaining("the state database is held");
        assertThat(asked).hasValue(0);

        assertThat(AcmeCertificates.askingOnceReady(settings, () -> null).issuer().orElseThrow().issue("t1", List.of("t1.example.test")))
                .isSameAs(issued);
        assertThat(asked).hasValue(1);
        assertThat(AcmeCertificates.askingOnceReady(io.mooring.reconcile.CertificateSettings.DEFAULT, () -> null).issuer()).isEmpty();
    }
}
