package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.crypto.AgeCrypto;
import io.mooring.crypto.AgeDecryptor;
import io.mooring.crypto.AgeIdentity;
import io.mooring.inventory.DecryptingTree;
import io.mooring.model.ContainerOptions;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Guardrails;
import io.mooring.model.Problem;
import io.mooring.model.Redactions;
import io.mooring.model.SecretDecryptor;
import io.mooring.source.FileTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant whose secrets are committed encrypted with age: {@code secrets.yml.age} variables over the inventory's, a
 * Compose secret's {@code file} committed as {@code .age}, each read decrypted, in memory; refusals name the file.
 */
class EncryptedSecretsTest {
    private static final String MARKER = "pw-7f3a9c-marker";
    @TempDir
    Path repo;
    private Path tenant;
    private String[] node;
    private SecretDecryptor decryptor;

    @BeforeEach
    void tenantFolder() throws Exception {
        node = io.mooring.crypto.AgeCryptoTestKeys.pair();
        decryptor = new AgeDecryptor(io.mooring.crypto.AgeCryptoTestKeys.identity(node[0]));
        tenant = Files.createDirectories(repo.resolve("instances/acme"));
        write("instances/acme/inventory.yml", """
                all:
                  hosts:
                    node-a: {ansible_host: 192.0.2.10}
                  vars:
                    postgres_password: "{{ vault_postgres_password }}"
                    app_user: app
                """);
        write("instances/acme/components.yml", """
                services:
                  web:
                    image: 127.0.0.1:5000/busybox:1
                    environment:
                      DB_PASSWORD: ${postgres_password}
                    secrets: [db]
                secrets:
                  db:
                    file: db_password.txt
                """);
        seal("instances/acme/secrets.yml", "vault_postgres_password: " + MARKER + "\napp_user: sealed-user\n", node[1]);
        seal("instances/acme/db_password.txt", MARKER + "-file\n", node[1]);
    }

    private void write(String path, String text) throws Exception {
        Files.writeString(repo.resolve(path), text);
    }

    private void seal(String path, String text, String recipient) throws Exception {
        Files.write(repo.resolve(path + ".age"), AgeCrypto.encrypt(text.getBytes(StandardCharsets.UTF_8), List.of(recipient)));
    }

    private Validator.Result validate(SecretDecryptor with) {
        return Validator.tenant(DecryptingTree.of(new FileTree(repo), with), "acme", Guardrails.defaults());
    }

    @Test
    void sealedVariablesWinOverTheInventoryAndAnEncryptedSecretFileIsReadDecrypted() {
        Validator.Result result = validate(decryptor);
        assertThat(result.problems()).isEmpty();
        DesiredContainer web = result.hosts().get("node-a").containers().get(0);
        assertThat(web.environment()).containsEntry("DB_PASSWORD", MARKER);
        ContainerOptions.FileMount db = web.options().files().get(0);
        assertThat(new String(db.source().content(), StandardCharsets.UTF_8)).isEqualTo(MARKER + "-file\n");
        assertThat(result.config().inventory().host("node-a").orElseThrow().vars()).containsEntry("app_user", "sealed-user");
        assertThat(web.specFields().toString()).doesNotContain(MARKER);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void theValuesOfSealedVariablesAreRedactedWhateverTheirNames() {
        Redactions redactions = Redactions.of(validate(decryptor).config().inventory());
        assertThat(redactions.apply("user sealed-user, password " + MARKER))
                .isEqualTo("user [redacted: app_user], password [redacted: vault_postgres_password]");
    }

    @Test
    void withoutAnIdentityTheTenantIsRefusedNamingTheFileAndTheSetting() {
        assertThat(messages(validate(SecretDecryptor.NONE))).anySatisfy(m -> assertThat(m)
                .startsWith("instances/acme/secrets.yml.age: this node has no age identity").contains("secrets.ageIdentityFile"));
    }

    @Test
    void aWrongIdentityIsRefusedNamingTheFileThisNodesKeyAndTheRecipientsFile() throws Exception {
        String[] other = io.mooring.crypto.AgeCryptoTestKeys.pair();
        write(".age-recipients", "# ops\n" + node[1] + "  # node-a\n");
        SecretDecryptor wrong = new AgeDecryptor(io.mooring.crypto.AgeCryptoTestKeys.identity(other[0]));
        List<String> messages = messages(validate(wrong));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("instances/acme/secrets.yml.age: cannot be decrypted")
                .contains(other[1]).contains(".age-recipients lists " + node[1]).doesNotContain(MARKER));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("instances/acme/db_password.txt.age: cannot be decrypted"));
    }

    @Test
    void aFileCommittedBothPlainAndEncryptedIsRefusedNamingBoth() throws Exception {
        write("instances/acme/db_password.txt", "plain\n");
        assertThat(messages(validate(decryptor))).anySatisfy(m -> assertThat(m).contains("db_password.txt.age")
                .contains("both encrypted and in plain text").contains("git rm instances/acme/db_password.txt"));
    }

    @Test
    void aPlaintextSecretsFileIsRefusedWithTheFix() throws Exception {
        Files.delete(tenant.resolve("secrets.yml.age"));
        write("instances/acme/secrets.yml", "vault_postgres_password: " + MARKER + "\n");
        assertThat(messages(validate(decryptor))).anySatisfy(m -> assertThat(m)
                .startsWith("instances/acme/secrets.yml: holds secrets in plain text").contains("mooring secrets encrypt"))
                .allSatisfy(m -> assertThat(m).doesNotContain(MARKER));
    }

    @Test
    void plaintextValuesOfVariablesNamedLikeSecretsAreWarnedAboutAtTheirLine() throws Exception {
        write("instances/acme/inventory.yml", """
                all:
                  hosts:
                    node-a: {ansible_host: 192.0.2.10}
                  vars:
                    postgres_password: "{{ vault_postgres_password }}"
                    aws_secret_key: AKIAEXAMPLE123
                    admin_passwd: ""
                """);
        assertThat(validate(decryptor).warnings()).extracting(Problem::toString).containsExactly(
                "instances/acme/inventory.yml:6:21: warning: variable aws_secret_key holds a secret in plain text, which Git keeps forever:"
                        + " move it to secrets.yml.age (`mooring secrets edit secrets.yml.age`, or `mooring import --recipients` for a"
                        + " deploy-tool inventory) and remove it here");
    }

    private static List<String> messages(Validator.Result result) {
        return result.problems().stream().map(Problem::toString).toList();
    }
}
