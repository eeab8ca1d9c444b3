package io.mooring.e2e;

import static io.mooring.e2e.EncryptedSecretsIT.keygen;
import static io.mooring.e2e.EncryptedSecretsIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mooring secrets encrypt|edit} and {@code mooring validate --identity} through the jar, checked with the age CLI. */
class SecretsCliIT {
    @TempDir
    Path tmp;

    @Test
    void encryptWritesWhatAgeDecryptsAndNeverOverwrites() throws Exception {
        Path identity = tmp.resolve("id.key");
        String key = keygen(identity);
        Path plain = Files.writeString(tmp.resolve("secrets.yml"), "vault_db_password: s3cr3t-enc\n");

        MooringCli.Result wrote = MooringCli.run("secrets", "encrypt", plain.toString(), "--recipients", key);
        assertThat(wrote.exitCode()).as(wrote.toString()).isZero();
        assertThat(wrote.stdout()).contains("wrote " + plain + ".age").contains("git rm " + plain);
        assertThat(run("age", "-d", "-i", identity.toString(), plain + ".age")).isEqualTo("vault_db_password: s3cr3t-enc\n");

        MooringCli.Result again = MooringCli.run("secrets", "encrypt", plain.toString(), "--recipients", key);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr().strip()).startsWith("mooring secrets encrypt: " + plain + ".age exists; not overwritten");
    }

    @Test
    void editDecryptsToATmpfsRunsTheEditorAndReEncryptsToTheRecipientsFile() throws Exception {
        Path identity = tmp.resolve("id.key");
        String key = keygen(identity);
        String second = keygen(tmp.resolve("second.key"));
        Files.writeString(tmp.resolve(".age-recipients"), "# the agent and an operator\n" + key + "\n" + second + "\n");
        Path sealed = tmp.resolve("db_password.txt.age");
        run("age", "-r", key, "-o", sealed.toString(), Files.writeString(tmp.resolve("p"), "old-value\n").toString());
        Path editor = Files.writeString(tmp.resolve("editor.sh"), "#!/bin/sh\necho \"$1\" > " + tmp.resolve("edited-at")
                + "\nsed -i s/old/new/ \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));

        MooringCli.Result edited = MooringCli.run(Map.of("EDITOR", editor.toString()), "secrets", "edit", sealed.toString(),
                "--identity", identity.toString());

        assertThat(edited.exitCode()).as(edited.toString()).isZero();
        assertThat(run("age", "-d", "-i", tmp.resolve("second.key").toString(), sealed.toString())).isEqualTo("new-value\n");
        Path opened = Path.of(Files.readString(tmp.resolve("edited-at")).strip());
        assertThat(opened.toString()).startsWith("/dev/shm/mooring-edit-").endsWith("/db_password.txt");
        assertThat(opened).doesNotExist();
        assertThat(opened.getParent()).doesNotExist();
    }

    @Test
    void validateRefusesEncryptedFilesWithoutAnIdentityAndReadsThemWithOne() throws Exception {
        Path identity = tmp.resolve("id.key");
        String key = keygen(identity);
        Path tenant = Files.createDirectories(tmp.resolve("acme"));
        Files.writeString(tenant.resolve("inventory.yml"), "all:\n  hosts:\n    node-a: {}\n  vars:\n"
                + "    postgres_password: \"{{ vault_postgres_password }}\"\n    redis_password: plain-text-pw\n");
        Files.writeString(tenant.resolve("components.yml"), "services:\n  db:\n    image: 127.0.0.1:5000/demo/web:1.0\n"
                + "    environment: {PGPASSWORD: \"${postgres_password}\"}\n");
        run("age", "-r", key, "-o", tenant.resolve("secrets.yml.age").toString(),
                Files.writeString(tmp.resolve("p"), "vault_postgres_password: s3cr3t-val\n").toString());

        MooringCli.Result without = MooringCli.run("validate", tenant.toString());
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.stderr()).contains(tenant + "/secrets.yml.age:1:1: this node has no age identity")
                .contains("--identity FILE");

        MooringCli.Result with = MooringCli.run("validate", tenant.toString(), "--identity", identity.toString());
        assertThat(with.exitCode()).as(with.toString()).isZero();
        assertThat(with.stderr()).contains(tenant + "/inventory.yml:6:21: warning: variable redis_password holds a secret in plain text")
                .doesNotContain("plain-text-pw").doesNotContain("s3cr3t-val");
    }
}
