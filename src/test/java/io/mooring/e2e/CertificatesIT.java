package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.certs.CertificateCheck;
import io.mooring.certs.Pem;
import io.mooring.certs.TestCertificates;
import io.mooring.testing.Await;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants' certificates on the real engine: one self-signed by the agent, one committed encrypted with the age CLI, each
 * read by its container where it asked ({@code x-mooring.certs}); the self-signed one renewed at two thirds of a short
 * lifetime, its container replaced with the reason "certificate renewed (expires …)"; a custom key that is not its
 * certificate's refused naming the file while what runs stays; no key in plain text in the state database.
 */
class CertificatesIT {
    private static final TestCertificates CA = new TestCertificates();
    @TempDir
    Path tmp;
    private TenantFixture it;
    private TestAgent agent;
    private final String custom = "itc-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        it.removeTenant(custom);
        it.close();
    }

    private void seal(String tenant, String name, byte[] content, String recipient) throws Exception {
        Path plain = Files.write(tmp.resolve("plain-" + name), content);
        EncryptedSecretsIT.run("age", "-r", recipient, "-o", it.repo.dir().resolve("instances/" + tenant + "/" + name).toString(),
                plain.toString());
        Files.delete(plain);
    }

    private static String cat(String container, String file) throws Exception {
        return TestDocker.cli("exec", container, "cat", file);
    }

    @Test
    void selfSignedAndCustomCertificatesAreDeliveredRenewedAndCheckedAndNoKeyIsStoredInPlainText() throws Exception {
        Path identity = tmp.resolve("agent.key");
        String key = EncryptedSecretsIT.keygen(identity);
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {ansible_host: 192.0.2.10}\n"
                + "  vars: {web_version: \"1.0\", certs: selfsigned, fqdn: pbx.example.test}\n");
        it.repo.write("instances/" + it.tenant + "/components.yml", it.webComponents() + "    x-mooring: {certs: /etc/tls}\n");
        it.repo.write("instances/" + custom + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n"
                + "  vars: {certs: custom, fqdn: custom.example.test}\n");
        it.repo.write("instances/" + custom + "/components.yml", "services:\n  web:\n    image: " + TestDocker.REGISTRY
                + "/demo/web:1.0\n    x-mooring: {certs: /etc/omnileads/certs/}\n");
        it.repo.write("instances/" + custom + "/.age-recipients", key + "\n");
        KeyPair pair = TestCertificates.keys();
        java.security.cert.X509Certificate leaf = CA.leaf(pair, "custom.example.test");
        seal(custom, "cert.pem.age", TestCertificates.pem(leaf, CA.intermediate), key);
        seal(custom, "key.pem.age", TestCertificates.pem(pair.getPrivate()), key);
        it.repo.commit("a self-signed and a custom certificate");
        agent = new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), it.home,
                "interval: 1s\nsecrets: {ageIdentityFile: " + identity + "}\ncertificates: {lifetime: 30s}\n");

        String web = it.tenant + "-web";
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);
        String first = Await.until(Duration.ofSeconds(30), () -> quietly(() -> cat(web, "/etc/tls/cert.pem")), s -> s.contains("BEGIN"));
        String firstKey = cat(web, "/etc/tls/key.pem");
        CertificateCheck.Outcome selfSigned = CertificateCheck.check("cert.pem", bytes(cat(web, "/etc/tls/fullchain.pem")), "key.pem",
                bytes(firstKey), "pbx.example.test", Instant.now(), "selfsigned");
        assertThat(selfSigned.problems()).as("the container's files: its key, covering fqdn").isEmpty();
        assertThat(selfSigned.certificate().names()).containsExactly("pbx.example.test", "192.0.2.10");
        assertThat(Pem.fingerprint(Pem.certificates(bytes(first)).get(0))).isEqualTo(selfSigned.certificate().fingerprint());

        String customWeb = custom + "-web";
        String delivered = Await.until(Duration.ofSeconds(30), () -> quietly(() -> cat(customWeb, "/etc/omnileads/certs/fullchain.pem")),
                s -> s.contains("BEGIN"));
        assertThat(Pem.certificates(bytes(delivered))).hasSize(2).first().satisfies(c -> assertThat(Pem.fingerprint(c))
                .isEqualTo(Pem.fingerprint(leaf)));
        assertThat(cat(customWeb, "/etc/omnileads/certs/key.pem")).as("the key as committed")
                .isEqualTo(new String(TestCertificates.pem(pair.getPrivate()), StandardCharsets.US_ASCII).strip());

        String passes = Await.until(Duration.ofSeconds(60), () -> agent.get("/api/passes?tenant=" + it.tenant),
                body -> body.contains("certificate renewed (expires "));
        assertThat(passes).doesNotContain("PRIVATE KEY");
        String renewed = Await.until(Duration.ofSeconds(30), () -> quietly(() -> cat(web, "/etc/tls/cert.pem")),
                s -> s.contains("BEGIN") && !s.equals(first));
        assertThat(Pem.certificates(bytes(renewed)).get(0).getNotAfter()).isAfter(Pem.certificates(bytes(first)).get(0).getNotAfter());

        String tenants = agent.get("/api/tenants");
        assertThat(tenants).contains("\"source\":\"selfsigned\"").contains("\"source\":\"custom\"").contains("pbx.example.test")
                .contains("\"notAfter\":").doesNotContain("PRIVATE KEY");

        seal(custom, "key.pem.age", TestCertificates.pem(TestCertificates.keys().getPrivate()), key);
        it.repo.commit("a key that is not the certificate's");
        String refused = Await.until(Duration.ofSeconds(120), () -> agent.get("/api/passes?tenant=" + custom), body -> body.contains("INVALID"));
        assertThat(refused).contains("instances/" + custom + "/key.pem.age: is not the private key of the certificate in instances/"
                + custom + "/cert.pem.age");
        assertThat(Pem.fingerprint(Pem.certificates(bytes(cat(customWeb, "/etc/omnileads/certs/cert.pem"))).get(0)))
                .as("what runs stays").isEqualTo(Pem.fingerprint(leaf));
        agent.close();
        agent = null;

        String dump = EncryptedSecretsIT.stateDump(it.home);
        assertThat(dump).contains("CERTIFICATES").contains(it.tenant);
        for (String pem : List.of(firstKey, cat(web, "/etc/tls/key.pem"))) {
            String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            assertThat(dump).as("a key line in the state database").doesNotContain(body);
        }
        assertThat(dump).doesNotContain("PRIVATE KEY");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String quietly(java.util.concurrent.Callable<String> read) {
        try {
            return read.call();
        } catch (Exception e) {
            return "";
        }
    }
}
