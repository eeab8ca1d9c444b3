package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.certs.Pem;
import io.mooring.testing.Await;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestPebble;
import io.mooring.testing.TlsServerImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code certs: acme} end to end on the real engine against pebble (scripts/test-env-pebble), which validates the agent's
 * HTTP-01 answers for real and issues certificates that live 60 s: a container serving TLS with the delivered certificate
 * presents one pebble issued for the tenant's fqdn, and a later pass renews it (the reason "certificate renewed (expires
 * …)", a new serial, a later notAfter) without anything changed in the repository. The ACME account key is kept
 * encrypted, and no private key is in plain text in the agent's home or its state database.
 */
class AcmeCertificatesIT {
    @TempDir
    Path tmp;
    private TenantFixture it;
    private TestAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        it.close();
    }

    @Test
    void aTenantWithCertsAcmeServesACertificatePebbleIssuedAndARenewedOneBeforeItExpires() throws Exception {
        String image = TlsServerImage.push();
        Path identity = tmp.resolve("agent.key");
        EncryptedSecretsIT.keygen(identity);
        String fqdn = it.tenant + ".mooring.test";
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {certs: acme, fqdn: " + fqdn + "}\n");
        it.repo.write("instances/" + it.tenant + "/components.yml", "services:\n  tls:\n    image: " + image + "\n    ports: [\"127.0.0.1:"
                + it.port + ":" + TlsServerImage.PORT + "\"]\n    x-mooring: {certs: /etc/tls}\n");
        it.repo.commit("a tenant whose certificate an ACME CA issues");
        agent = new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), it.home, "interval: 1s\nsecrets: {ageIdentityFile: "
                + identity + "}\nacme: {directory: '" + TestPebble.DIRECTORY + "', trustFile: " + TestPebble.TRUST + ", httpPort: "
                + TestPebble.HTTP_PORT + ", email: ops@mooring.test, timeout: 20s}\n");

        X509Certificate first = Await.until(Duration.ofSeconds(60), () -> served(it.port, fqdn), Objects::nonNull);
        issuedByPebbleFor(first, fqdn);
        String tenants = Await.until(Duration.ofSeconds(30), () -> agent.get("/api/tenants"), body -> body.contains("\"source\":\"acme\""));
        assertThat(tenants).contains(Pem.fingerprint(first)).contains(fqdn).doesNotContain("PRIVATE KEY");

        String passes = Await.until(Duration.ofSeconds(60), () -> agent.get("/api/passes?tenant=" + it.tenant),
                body -> body.contains("certificate renewed (expires "));
        assertThat(passes).doesNotContain("PRIVATE KEY");
        X509Certificate renewed = Await.until(Duration.ofSeconds(30), () -> served(it.port, fqdn),
                served -> served != null && !served.getSerialNumber().equals(first.getSerialNumber()));
        issuedByPebbleFor(renewed, fqdn);
        assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
        System.out.printf("served %s until %s, then %s until %s%n", first.getSerialNumber(), first.getNotAfter().toInstant(),
                renewed.getSerialNumber(), renewed.getNotAfter().toInstant());

        Path accountKey = it.home.resolve("acme/account-key.age");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accountKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accountKey.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(accountKey, StandardCharsets.ISO_8859_1)).startsWith("age-encryption.org/v1").doesNotContain("PRIVATE KEY");
        agent.close();
        agent = null;

        try (Stream<Path> files = Files.walk(it.home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s in the agent's home", file).doesNotContain("PRIVATE KEY");
            }
        }
        String dump = EncryptedSecretsIT.stateDump(it.home);
        assertThat(dump).contains("CERTIFICATES").contains(it.tenant).doesNotContain("PRIVATE KEY");
    }

    private static void issuedByPebbleFor(X509Certificate certificate, String fqdn) throws GeneralSecurityException {
        assertThat(certificate.getIssuerX500Principal().getName()).startsWith("CN=Pebble Intermediate CA");
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList()).containsExactly(fqdn);
    }

    /** The leaf the server on {@code port} presents for {@code fqdn}; null while nothing completes a handshake there. */
    private static X509Certificate served(int port, String fqdn) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyServer()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(fqdn)));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    /** Takes whatever the server presents: the test checks the leaf's issuer, names and serial itself. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
