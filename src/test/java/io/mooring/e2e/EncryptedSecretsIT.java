package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant whose secrets are committed encrypted with the age CLI, applied by the agent on the real engine: the
 * container gets the decrypted values, nothing under the agent's home or in its state database holds them, and a
 * revision encrypted to another key is refused as invalid while what runs stays.
 */
class EncryptedSecretsIT {
    private final String marker = "mk" + UUID.randomUUID().toString().replace("-", "");
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

    /** A new identity file (0600) and its public key, from age-keygen. */
    static String keygen(Path file) throws Exception {
        run("age-keygen", "-o", file.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow().substring(14);
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** The text encrypted by the age CLI to {@code recipient}, written into the tenant's folder as {@code name}. */
    private void seal(String name, String text, String recipient) throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain-" + name), text);
        Path folder = Files.createDirectories(it.repo.dir().resolve("instances/" + it.tenant));
        run("age", "-r", recipient, "-o", folder.resolve(name).toString(), plain.toString());
        Files.delete(plain);
    }

    @Test
    void theAgentAppliesDecryptedSecretsKeepsThemOffItsDiskAndRefusesWhatItCannotDecrypt() throws Exception {
        Path identity = tmp.resolve("agent.key");
        String key = keygen(identity);
        String other = keygen(tmp.resolve("other.key"));
        it.repo.write("instances/" + it.tenant + "/inventory.yml", inventory("1.0"));
        it.repo.write("instances/" + it.tenant + "/components.yml", it.webComponents().replace("    volumes: [data:/data]\n", """
                    environment: {DB_PASSWORD: "${db_password}"}
                    secrets: [db]
                secrets:
                  db: {file: db_password.txt}
                """));
        it.repo.write("instances/" + it.tenant + "/.age-recipients", "# agent node-a\n" + key + "\n");
        seal("secrets.yml.age", "vault_db_password: " + marker + "-env\n", key);
        seal("db_password.txt.age", marker + "-file\n", key);
        it.repo.commit("secrets encrypted to node-a");
        agent = new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), it.home,
                "interval: 1s\nsecrets: {ageIdentityFile: " + identity + "}\n");

        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);
        String container = it.tenant + "-web";
        assertThat(TestDocker.cli("exec", container, "cat", "/run/secrets/db")).isEqualTo(marker + "-file");
        assertThat(TestDocker.cli("exec", container, "sh", "-c", "echo $DB_PASSWORD").strip()).isEqualTo(marker + "-env");

        it.repo.write("instances/" + it.tenant + "/inventory.yml", inventory("1.1"));
        it.repo.write("instances/" + it.tenant + "/.age-recipients", other + "\n");
        seal("secrets.yml.age", "vault_db_password: " + marker + "-next\n", other);
        it.repo.commit("secrets encrypted to another key only");
        String passes = Await.until(Duration.ofSeconds(60), () -> agent.get("/api/passes?tenant=" + it.tenant),
                body -> body.contains("INVALID"));
        assertThat(passes).contains("instances/" + it.tenant + "/secrets.yml.age: cannot be decrypted with this node's age identity")
                .contains(key).contains(".age-recipients lists " + other);
        assertThat(it.page("/")).as("what runs stays").isEqualTo("web 1.0");
        assertThat(passes + agent.get("/api/tenants")).doesNotContain(marker);
        agent.close();
        agent = null;

        assertThat(filesHolding(it.home)).as("files under the agent's home holding a secret").isEmpty();
        assertThat(stateDump(it.home)).doesNotContain(marker).contains(it.tenant);
    }

    private static String inventory(String version) {
        return "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\", db_password: \"{{ vault_db_password }}\"}\n";
    }

    private List<Path> filesHolding(Path home) throws Exception {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every row of the agent's H2 state database, as SQL. */
    static String stateDump(Path home) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + home.toAbsolutePath().resolve("state"), "mooring", "");
             ResultSet rows = db.createStatement().executeQuery("SCRIPT")) {
            while (rows.next()) {
                out.append(rows.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
