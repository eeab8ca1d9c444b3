package io.mooring.validate;

import static io.mooring.certs.TestCertificates.pem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.certs.TestCertificates;
import io.mooring.inventory.DecryptingTree;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Guardrails;
import io.mooring.model.SecretDecryptor;
import io.mooring.model.ServiceOptions;
import io.mooring.source.FileTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code certs: custom} checked by {@code mooring validate}, and {@code x-mooring.certs} refused where it cannot work. */
class CertificatesValidateTest {
    private static final TestCertificates CA = new TestCertificates();
    @TempDir
    Path repo;
    private final KeyPair key = TestCertificates.keys();

    @BeforeEach
    void tenant() throws Exception {
        Files.createDirectories(repo.resolve("instances/acme"));
        inventory("custom");
        components("/etc/omnileads/certs", "");
    }

    private void inventory(String certs) throws Exception {
        Files.writeString(repo.resolve("instances/acme/inventory.yml"), "all:\n  hosts:\n    node-a: {ansible_host: 192.0.2.10}\n"
                + "  vars:\n    fqdn: pbx.example.com\n" + (certs.isEmpty() ? "" : "    certs: " + certs + "\n"));
    }

    private void components(String folder, String more) throws Exception {
        Files.writeString(repo.resolve("instances/acme/components.yml"), "services:\n  web:\n    image: 127.0.0.1:5000/busybox:1\n"
                + more + "    x-mooring:\n      certs: " + folder + "\n");
    }

    private void files(byte[] cert, byte[] keyPem) throws Exception {
        Files.write(repo.resolve("instances/acme/cert.pem"), cert);
        Files.write(repo.resolve("instances/acme/key.pem"), keyPem);
    }

    private List<String> problems() {
        return Validator.tenant(DecryptingTree.of(new FileTree(repo), SecretDecryptor.NONE), "acme", Guardrails.defaults()).problems()
                .stream().map(p -> Validator.format("", p)).toList();
    }

    @Test
    void aCustomCertificateThatHoldsIsAcceptedAndTheFolderAskedForIsInTheSpec() throws Exception {
        files(pem(CA.leaf(key, "pbx.example.com"), CA.intermediate), pem(key.getPrivate()));
        Validator.Result result = Validator.tenant(new FileTree(repo), "acme", Guardrails.defaults());
        assertThat(result.problems()).isEmpty();
        DesiredContainer web = result.hosts().get("node-a").containers().get(0);
        assertThat(web.options().text(ServiceOptions.CERTS)).isEqualTo("/etc/omnileads/certs");
        assertThat(web.specFields()).containsKey(ServiceOptions.CERTS);
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsRefusedNamingTheFile() throws Exception {
        files(pem(CA.leaf(key, "pbx.example.com")), pem(TestCertificates.keys().getPrivate()));
        assertThat(problems()).singleElement().asString().startsWith("instances/acme/key.pem:1:1: is not the private key of the"
                + " certificate in instances/acme/cert.pem");
    }

    @Test
    void aFileNameThatLeavesTheFolderThroughATemplateIsRefusedNamingTheVariable() throws Exception {
        files(pem(CA.leaf(key, "pbx.example.com")), pem(key.getPrivate()));
        Files.writeString(repo.resolve("instances/acme/inventory.yml"), "all:\n  hosts:\n    node-a: {ansible_host: 192.0.2.10}\n"
                + "  vars:\n    fqdn: pbx.example.com\n    certs: custom\n    up: '..'\n    cert_file_name: \"{{ up }}/beta/cert.pem\"\n");
        assertThat(problems()).singleElement().asString().contains("cert_file_name: '../beta/cert.pem' is not the name of a file in the"
                + " tenant folder");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        files(pem(CA.leaf(key, "other.example.com")), pem(key.getPrivate()));
        assertThat(problems()).singleElement().asString().startsWith("instances/acme/cert.pem:1:1: the certificate does not cover the"
                + " host's fqdn pbx.example.com");
    }

    @Test
    void theFolderIsRefusedRelativeOrWhereSomethingElseIsMountedAndWithoutCertsItIsSelfSigned() throws Exception {
        inventory("");
        assertThat(problems()).as("no certs: a self-signed certificate, as the deploy tool").isEmpty();
        inventory("selfsigned");
        components("etc/certs", "");
        assertThat(problems()).singleElement().asString().startsWith("instances/acme/components.yml:5:14:")
                .contains("must be an absolute folder in the container");
        components("/etc/omnileads", "    volumes: [\"data:/etc/omnileads\"]\n");
        assertThat(problems()).singleElement().asString().contains("/etc/omnileads overlaps the volume at /etc/omnileads");
        components("/etc/omnileads/certs", "    tmpfs: [/etc/omnileads]\n");
        assertThat(problems()).singleElement().asString().contains("overlaps the tmpfs at /etc/omnileads");
        components("/etc/omnileads/certs", "");
        assertThat(problems()).isEmpty();
    }
}
