package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mooring import} through the jar: deploy-tool inventories turned into tenant folders that validate. */
class ImportCliIT {
    private static final Path IMPORT = Path.of("src/test/resources/import");

    @TempDir
    Path repo;

    @Test
    void aMultiTenantInventoryBecomesOneValidFolderPerTenant() throws Exception {
        MooringCli.Result result = MooringCli.run("import", IMPORT.resolve("multi-tenant.yml").toString(), "--into", repo.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (String tenant : new String[] {"acme", "globex", "initech"}) {
            assertThat(result.stdout()).contains("wrote " + repo.resolve("instances/" + tenant + "/inventory.yml"));
            MooringCli.Result validate = MooringCli.run("validate", repo.resolve("instances/" + tenant).toString());
            assertThat(validate.exitCode()).as(validate.toString()).isZero();
        }
        assertThat(result.stdout()).contains("globex: postgres_password at " + IMPORT.resolve("multi-tenant.yml") + ":13")
                .contains("--recipients").doesNotContain("change-me");
        MooringCli.Result initech = MooringCli.run("validate", repo.resolve("instances/initech").toString());
        assertThat(initech.stdout()).contains("initech_voice: ").contains("asterisk");
        MooringCli.Result whole = MooringCli.run("validate", repo.toString());
        assertThat(whole.exitCode()).as(whole.toString()).isZero();
    }

    @Test
    void withRecipientsPlaintextSecretsMoveIntoSecretsYmlAgeThatTheIdentityDecrypts() throws Exception {
        Path identity = repo.resolveSibling(repo.getFileName() + "-id.key");
        String key = EncryptedSecretsIT.keygen(identity);
        MooringCli.Result result = MooringCli.run("import", IMPORT.resolve("multi-tenant.yml").toString(), "--into", repo.toString(),
                "--recipients", key);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path globex = repo.resolve("instances/globex");
        assertThat(result.stdout()).contains("wrote " + globex.resolve("secrets.yml.age")).doesNotContain("change-me");
        assertThat(Files.readString(globex.resolve("inventory.yml"))).doesNotContain("change-me").doesNotContain("postgres_password");
        assertThat(EncryptedSecretsIT.run("age", "-d", "-i", identity.toString(), globex.resolve("secrets.yml.age").toString()))
                .contains("postgres_password: change-me-too").contains("bucket_secret_key: change-me");
        assertThat(Files.readString(globex.resolve(".age-recipients"))).contains(key);
        MooringCli.Result validate = MooringCli.run("validate", globex.toString(), "--identity", identity.toString());
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.stderr()).doesNotContain("plain text");
    }

    @Test
    void anIniInventoryBecomesAValidYamlFolder() throws Exception {
        MooringCli.Result result = MooringCli.run("import", IMPORT.resolve("seed.ini").toString(), "--into", repo.toString(),
                "--tenant", "seed");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("seed: postgres_password at " + IMPORT.resolve("seed.ini") + ":8");
        MooringCli.Result validate = MooringCli.run("validate", repo.resolve("instances/seed").toString());
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(Files.readString(repo.resolve("instances/seed/inventory.yml"))).contains("omnileads-app:");
    }

    @Test
    void anExistingTenantFolderIsRefusedAndNothingIsWritten() throws Exception {
        Files.createDirectories(repo.resolve("instances/globex"));
        MooringCli.Result result = MooringCli.run("import", IMPORT.resolve("multi-tenant.yml").toString(), "--into", repo.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains(repo.resolve("instances/globex").toString()).contains("remove it").doesNotContain("\tat ");
        assertThat(repo.resolve("instances/acme")).doesNotExist();
        assertThat(repo.resolve("instances/initech")).doesNotExist();
        try (var files = Files.list(repo.resolve("instances/globex"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBadTenantIdIsRefusedAtItsLine() throws Exception {
        MooringCli.Result result = MooringCli.run("import", IMPORT.resolve("bad-tenant-id.yml").toString(), "--into", repo.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains(IMPORT.resolve("bad-tenant-id.yml") + ":10:").contains("Hooli Corp")
                .doesNotContain("\tat ");
        assertThat(repo.resolve("instances")).doesNotExist();
    }

    @Test
    void validateSaysToImportAMultiTenantFile() throws Exception {
        Path tenant = Files.createDirectories(repo.resolve("all-tenants"));
        Files.copy(IMPORT.resolve("multi-tenant.yml"), tenant.resolve("inventory.yml"));
        MooringCli.Result result = MooringCli.run("validate", tenant.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("inventory.yml:4:").contains("multi-tenant inventory of the deploy tool")
                .contains("mooring import");
    }
}
