package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose's {@code devices} on the real engine, through the jar: a device the agent's configuration grants to the
 * tenant reaches the container; one it does not grant is refused at validation and at apply, what runs left running.
 */
class DevicesIT {
    @TempDir
    Path tmp;
    private TenantFixture it;
    private Path agentFile;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
        agentFile = Files.writeString(Files.createDirectories(tmp.resolve("etc")).resolve("agent.yml"), """
                repo: %s
                node: node-a
                home: %s
                guardrails:
                  tenants:
                    %s: {devices: [/dev/zero]}
                """.formatted(it.repo.dir(), it.home, it.tenant));
    }

    @AfterEach
    void tearDown() throws Exception {
        it.close();
    }

    private void commit(String devices) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"1.0\"}\n");
        it.repo.write("components.yml", it.webComponents() + "    devices: " + devices + "\n");
        it.repo.commit("devices " + devices);
    }

    private MooringCli.Result apply() throws Exception {
        return MooringCli.run("apply", "--config", agentFile.toString(), "--tenant", it.tenant);
    }

    @Test
    void aGrantedDeviceReachesTheContainerAndAnUngrantedOneIsRefused() throws Exception {
        commit("[\"/dev/zero:/dev/granted-zero:r\"]");
        MooringCli.Result applied = apply();
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        String name = it.tenant + "-web";
        assertThat(TestDocker.cli("exec", name, "sh", "-c", "test -c /dev/granted-zero && head -c 5 /dev/granted-zero | wc -c"))
                .isEqualTo("5");
        String id = it.docker.inspect(name).getId();

        commit("[\"/dev/zero:/dev/granted-zero:r\", {source: /dev/null, target: /dev/void}]");
        MooringCli.Result refused = apply();

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.toString()).contains("services.web: devices /dev/null:/dev/void:rwm: host device /dev/null is not granted to"
                + " tenant " + it.tenant).contains("guardrails.tenants." + it.tenant + ".devices: [/dev/null]");
        assertThat(it.docker.inspect(name).getId()).as("what ran keeps running").isEqualTo(id);
        assertThat(it.docker.inspect(id).getState().getRunning()).isTrue();
    }

    @Test
    void validateRefusesADeviceNamingTheServiceTheDeviceAndTheSetting() throws Exception {
        commit("[\"/dev/zero:/dev/granted-zero:r\"]");

        MooringCli.Result result = MooringCli.run("validate", it.repo.dir().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("components.yml:6:").contains("services.web: devices /dev/zero:/dev/granted-zero:r: host"
                + " device /dev/zero is not granted to tenant " + it.tenant + " or image " + TestDocker.REGISTRY + "/demo/web")
                .contains("guardrails.tenants." + it.tenant + ".devices: [/dev/zero]");
        assertThat(it.containers()).isEmpty();
    }

    @Test
    void aLinkInAGrantedFolderToAnotherDeviceIsRefusedAtApplyNamingTheLink() throws Exception {
        Path granted = Files.createDirectories(tmp.toRealPath().resolve("snd"));
        Path link = Files.createSymbolicLink(granted.resolve("controlC0"), Path.of("/dev/zero"));
        Files.writeString(agentFile, Files.readString(agentFile).replace("{devices: [/dev/zero]}", "{devices: [" + granted + "]}"));
        commit("[\"" + link + ":/dev/audio\"]");

        MooringCli.Result refused = apply();

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.toString()).contains("device " + link + " of service web passes through the symbolic link " + link
                + " to /dev/zero, which is not granted to tenant " + it.tenant).contains("refused, nothing was changed");
        assertThat(it.containers()).as("nothing was created").isEmpty();
    }
}
