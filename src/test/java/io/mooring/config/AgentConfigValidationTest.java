package io.mooring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.mooring.MooringConfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent's configuration is checked when it is loaded, as Dropwizard loads it: each error names its field. */
class AgentConfigValidationTest {
    private static final YamlConfigurationFactory<MooringConfiguration> FACTORY = new YamlConfigurationFactory<>(
            MooringConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path tmp;

    private static MooringConfiguration load(String yaml) throws IOException, ConfigurationException {
        return FACTORY.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml");
    }

    private static String errors(String yaml) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load("repo: /srv/config\n" + yaml));
        assertThat(thrown).as("refused: %s", yaml).isInstanceOf(ConfigurationException.class);
        return thrown.getMessage();
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource(delimiter = '|', value = {
            "interval: 0s                                  | interval must be greater than or equal to 1 SECONDS",
            "healthTimeout: 500ms                          | healthTimeout must be greater than or equal to 1 SECONDS",
            "rollout: {resyncInterval: 0s}                 | rollout.resyncInterval must be greater than or equal to 1 SECONDS",
            "backup: {partSize: 1MiB}                      | backup.partSize must be greater than or equal to 5 MEBIBYTES",
            "backup: {partSize: 2GiB}                      | backup.partSize must be less than or equal to 1 GIBIBYTES",
            "rollout: {parallelism: 0}                     | rollout.parallelism must be greater than or equal to 1",
            "git: {signatures: {policy: sometimes}}        | git.signatures.policy must be off or require",
            "git: {signatures: {policy: require}}          | git.signatures requires signed commits but allows no key",
            "git: {signatures: {tenants: {acme: require}}} | git.signatures requires signed commits but allows no key",
            "backup: {bucket: {name: b}}                   | backup.bucket.accessKey must not be empty",
            "rollout: {pullTimeout: 0s}                    | rollout.pullTimeout must be greater than or equal to 1 SECONDS",
            "backup: {dumpTimeout: 0s}                     | backup.dumpTimeout must be greater than or equal to 1 SECONDS",
            "backup: {uploadTimeout: 500ms}                | backup.uploadTimeout must be greater than or equal to 1 SECONDS",
            "guardrails: {tenants: {acme: }}               | guardrails.tenants[acme].<map value> must not be null",
            "guardrails: {images: {x/y@sha256: {hostNetwork: true}}} | images keys must be image repositories without a tag or digest",
            "guardrails: {images: {x/y: {bindMounts: [/srv]}}}  | grant bindMounts under tenants",
            "rollout: {tenantParallelism: 0}               | rollout.tenantParallelism must be greater than or equal to 1",
            "rollout: {passTimeout: 0s}                    | rollout.passTimeout must be greater than or equal to 1 SECONDS",
            "networks: {pool: 10.212.1.0/16}               | networks.pool must be an IPv4 subnet such as 10.212.0.0/16",
            "networks: {pool: 10.212.0.0}                  | networks.pool must be an IPv4 subnet such as 10.212.0.0/16",
            "networks: {pool: 10.212.0.0/24, size: 16}     | no smaller than networks.size",
            "networks: {pool: 10.212.0.0/16, size: 30}     | networks.size must be less than or equal to 29",
    })
    void aBadValueIsAnErrorNamingItsField(String yaml, String error) {
        assertThat(errors(yaml)).contains(error).doesNotContain("\tat ");
    }

    @Test
    void grantsToTenantsAndImagesReachTheGuardrails() throws Exception {
        io.mooring.model.Guardrails guardrails = load("repo: /srv/config\nguardrails:\n  tenants: {acme: {hostNetwork: true,"
                + " bindMounts: [/srv/acme]}}\n  images: {docker.io/example/voice: {hostNetwork: true}}\n").getGuardrails().toModel();
        assertThat(guardrails.checkBind("acme", "/srv/acme/data")).isNull();
        assertThat(guardrails.checkBind("globex", "/srv/acme/data")).isNotNull();
    }

    @Test
    void everyErrorIsListedAtOnce() {
        assertThat(errors("interval: 0s\nbackup: {partSize: 1MiB}\n")).contains("has the following errors")
                .contains("* interval must be").contains("* backup.partSize must be");
    }

    @Test
    void aSecretFileThatCannotBeReadIsAnErrorNamingItsField() {
        Path missing = tmp.resolve("no-such-token");
        assertThat(errors("api: {tokenFile: " + missing + "}\n")).contains("api.tokenFile " + missing + " cannot be read: no such file");
        assertThat(errors("git: {passwordFile: " + missing + "}\n")).contains("git.passwordFile " + missing + " cannot be read");
        assertThat(errors("backup: {bucket: {name: b, accessKey: k, secretKeyFile: " + missing + "}}\n"))
                .contains("backup.bucket.secretKeyFile " + missing + " cannot be read");
    }

    @Test
    void aShortOrEmptySecretIsAnErrorNamingItsField() throws IOException {
        Path shortSecret = Files.writeString(tmp.resolve("short"), "abc\n");
        Path empty = Files.writeString(tmp.resolve("empty"), "\n");
        assertThat(errors("webhooks: {secretFile: " + shortSecret + "}\n"))
                .contains("webhooks.secretFile " + shortSecret + " holds a secret shorter than 16 characters").contains("openssl rand");
        assertThat(errors("api: {tokenFile: " + empty + "}\n")).contains("api.tokenFile " + empty + " is empty");
        assertThat(errors("git: {passwordFile: " + empty + "}\n")).contains("git.passwordFile " + empty + " is empty");
    }

    @Test
    void registryPasswordsComeFromFiles() throws Exception {
        Path password = Files.writeString(tmp.resolve("registry-password"), "short-is-fine\n");
        MooringConfiguration config = load("repo: /srv/config\nrollout:\n  registries:\n"
                + "    - {registry: registry.example.com, username: deploy, passwordFile: " + password + "}\n");
        assertThat(config.getRollout().credentials()).singleElement().satisfies(c -> {
            assertThat(c.password()).isEqualTo("short-is-fine");
            assertThat(c.toString()).doesNotContain("short-is-fine");
        });
        assertThat(errors("rollout: {registries: [{registry: r, username: u, passwordFile: " + tmp.resolve("none") + "}]}\n"))
                .contains("rollout.registries[0].passwordFile " + tmp.resolve("none") + " cannot be read");
        assertThat(errors("rollout: {registries: [{registry: r, username: u, password: secret-in-config}]}\n"))
                .as("the password itself is no longer taken").contains("password").contains("passwordFile");
    }

    @Test
    void zeroRegistryCheckIntervalAsksTheRegistryOnEveryPass() throws Exception {
        assertThat(load("repo: /srv/config\nrollout: {registryCheckInterval: 0s}\n").getRollout().getRegistryCheckInterval().getQuantity())
                .isZero();
        assertThat(errors("rollout: {registryCheckInterval: -1s}\n")).contains("rollout.registryCheckInterval");
    }

    @Test
    void aNetworksPoolIsOptionalAndReachesTheEngineAsASubnetPool() throws Exception {
        assertThat(load("repo: /srv/config\n").getNetworks().subnets()).isEmpty();
        assertThat(load("repo: /srv/config\nnetworks: {pool: 10.212.0.0/16}\n").getNetworks().subnets())
                .hasValueSatisfying(pool -> assertThat(pool.firstFree(java.util.List.of())).contains("10.212.0.0/24"));
        assertThat(load("repo: /srv/config\nnetworks: {pool: 10.212.0.0/16, size: 28}\n").getNetworks().subnets())
                .hasValueSatisfying(pool -> assertThat(pool.capacity()).isEqualTo(4096));
    }

    @Test
    void signaturesRequiredWithAKeyAreAccepted() throws Exception {
        MooringConfiguration config = load("repo: /srv/config\ngit: {signatures: {policy: require, allowedSigners: /etc/mooring/allowed}}\n");
        assertThat(config.getGit().getSignatures().getPolicy()).isEqualTo("require");
    }

    @Test
    void theShippedExampleLoadsClean() throws Exception {
        MooringConfiguration config = FACTORY.build(Path.of("systemd/mooring.yml").toFile());
        assertThat(config.getRepo()).isNotEmpty();
        assertThat(config.getInterval().toSeconds()).isEqualTo(30);
        assertThat(config.getBackup().getPartSize().toMebibytes()).isEqualTo(16);
        assertThat(config.getRollout().getPullTimeout().toMinutes()).isEqualTo(10);
        assertThat(config.getBackup().getDumpTimeout().toHours()).isEqualTo(6);
        assertThat(config.getBackup().getUploadTimeout().toMinutes()).isEqualTo(30);
    }

    @Test
    void theDefaultsLoadClean() throws Exception {
        assertThatThrownBy(() -> load("{}\n")).isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("repo must not be empty");
        assertThat(load("repo: /srv/config\n").getHealthTimeout().toSeconds()).isEqualTo(60);
    }

    @Test
    void pullsDumpsAndUploadsHaveTimeoutsByDefaultAndTheFileCanChangeThem() throws Exception {
        MooringConfiguration defaults = load("repo: /srv/config\n");
        assertThat(defaults.getRollout().getPullTimeout().toMinutes()).isEqualTo(10);
        assertThat(defaults.getBackup().getDumpTimeout().toHours()).isEqualTo(6);
        assertThat(defaults.getBackup().getUploadTimeout().toMinutes()).isEqualTo(30);
        MooringConfiguration set = load("repo: /srv/config\nrollout: {pullTimeout: 2m}\nbackup: {dumpTimeout: 1h, uploadTimeout: 5m}\n");
        assertThat(set.getRollout().getPullTimeout().toMinutes()).isEqualTo(2);
        assertThat(set.getBackup().getDumpTimeout().toHours()).isEqualTo(1);
        assertThat(set.getBackup().getUploadTimeout().toMinutes()).isEqualTo(5);
    }
}
