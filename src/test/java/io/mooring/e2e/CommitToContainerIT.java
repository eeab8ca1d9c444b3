package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.mooring.model.Labels;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first slice, end to end with the jar, a real Git repository, the real engine and registry:
 * a commit becomes a running container, a later commit replaces it with its volume intact, a
 * revert brings the first back, and a container Mooring did not create is never touched.
 */
class CommitToContainerIT {
    private TenantFixture it;
    private String tenant;
    private String foreignName;
    private TestDocker docker;
    private TestRepo repo;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        it = new TenantFixture(tmp);
        tenant = it.tenant;
        foreignName = tenant + "-foreign";
        docker = it.docker;
        repo = it.repo;
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeContainer(foreignName);
        it.close();
    }

    private void commitVersion(String version) throws Exception {
        repo.write("instances/" + tenant + "/inventory.yml", """
                all:
                  hosts:
                    node-a:
                      roles: [web]
                  vars:
                    web_version: "%s"
                """.formatted(version));
        repo.write("components.yml", it.webComponents() + "    x-mooring:\n      roles: [web]\n");
        repo.commit("web " + version);
    }

    private MooringCli.Result apply() throws Exception {
        return it.apply();
    }

    private String page(String path) {
        return it.page(path);
    }

    @Test
    void commitReplaceAndRevertConvergeWhileForeignContainersAreUntouched() throws Exception {
        // The foreign container even claims to be the tenant's component, but has no Mooring labels.
        String foreign = docker.runForeign(foreignName, TestDocker.image("2.0"), Map.of("app", tenant + "-web"));
        String foreignStarted = docker.inspect(foreign).getState().getStartedAt();

        commitVersion("1.0");
        MooringCli.Result first = apply();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).contains("create   web: missing").contains("converged");
        assertThat(page("/")).isEqualTo("web 1.0");
        String firstId = onlyContainer().getId();
        assertLabels(firstId, "1.0");

        commitVersion("1.1");
        MooringCli.Result upgrade = apply();
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.stdout()).contains("replace  web: tag changed: 1.0 → 1.1");
        assertThat(page("/")).isEqualTo("web 1.1");
        assertThat(page("/boots")).as("the named volume kept the first container's data").isEqualTo("1.0\n1.1");
        assertThat(onlyContainer().getId()).isNotEqualTo(firstId);
        assertLabels(onlyContainer().getId(), "1.1");

        String revert = repo.revertHead();
        MooringCli.Result rollback = apply();
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.stdout()).contains(revert.substring(0, 12)).contains("replace  web: tag changed: 1.1 → 1.0");
        assertThat(page("/")).isEqualTo("web 1.0");
        assertThat(page("/boots")).isEqualTo("1.0\n1.1\n1.0");

        MooringCli.Result again = apply();
        assertThat(again.stdout()).as("a second pass at the same revision changes nothing").contains("keep     web: up to date")
                .contains("converged: nothing to do");

        InspectContainerResponse after = docker.inspect(foreign);
        assertThat(after.getState().getRunning()).isTrue();
        assertThat(after.getState().getStartedAt()).isEqualTo(foreignStarted);
        assertThat(after.getName()).isEqualTo("/" + foreignName);
    }

    @Test
    void anInvalidInventoryChangesNothingAndSaysWhere() throws Exception {
        commitVersion("1.0");
        assertThat(apply().exitCode()).isZero();
        String running = onlyContainer().getId();

        repo.write("instances/" + tenant + "/inventory.yml", """
                all:
                  hosts:
                    node-a:
                      roles: web
                  vars:
                    web_version: "1.1"
                """);
        repo.commit("broken inventory");
        MooringCli.Result broken = apply();
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.stderr()).contains("instances/" + tenant + "/inventory.yml:4:14: roles must be a list")
                .contains("nothing was changed").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(onlyContainer().getId()).isEqualTo(running);
        assertThat(docker.inspect(running).getState().getRunning()).isTrue();
        assertThat(page("/")).isEqualTo("web 1.0");
    }

    @Test
    void aMissingTenantOrBadUsageIsAOneLineError() throws Exception {
        commitVersion("1.0");
        MooringCli.Result missing = MooringCli.run("apply", "--repo", repo.dir().toString(), "--tenant", "nobody",
                "--node", "node-a", "--home", it.home.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("instances/nobody: no such tenant folder; the repository's tenants are [" + tenant + "]");

        MooringCli.Result usage = MooringCli.run("apply", "--tenant", tenant);
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("--repo");
    }

    @Test
    void anonymousVolumesSurviveEveryReplace() throws Exception {
        for (String version : List.of("1.0", "1.1")) {
            repo.write("instances/" + tenant + "/inventory.yml",
                    "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
            repo.write("components.yml", it.webComponents().replace("volumes: [data:/data]", "volumes: [/data]"));
            repo.commit("web " + version + " with an anonymous volume");
            MooringCli.Result result = apply();
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        assertThat(page("/")).isEqualTo("web 1.1");
        assertThat(page("/boots")).as("the anonymous volume was carried over to the new container").isEqualTo("1.0\n1.1");
        assertThat(docker.inspect(onlyContainer().getId()).getMounts()).hasSize(1);
    }

    @Test
    void aVolumeOfAnotherTenantIsNeverShared() throws Exception {
        docker.createVolume(tenant + "_data", Map.of(Labels.TENANT, "someone-else"));
        commitVersion("1.0");
        MooringCli.Result result = apply();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("volume " + tenant + "_data is not tenant " + tenant
                + "'s (it belongs to tenant someone-else); Mooring never adopts it");
        assertThat(docker.tenantContainers(tenant)).isEmpty();
    }

    private Container onlyContainer() {
        List<Container> containers = docker.tenantContainers(tenant);
        assertThat(containers).as("exactly one container for the tenant").hasSize(1);
        return containers.get(0);
    }

    private void assertLabels(String id, String version) {
        Map<String, String> labels = docker.inspect(id).getConfig().getLabels();
        assertThat(labels).containsEntry(Labels.TENANT, tenant).containsEntry(Labels.COMPONENT, "web")
                .containsKey(Labels.REVISION).containsKey(Labels.SPEC_HASH)
                .containsEntry(Labels.IMAGE, TestDocker.image(version));
        assertThat(docker.inspect(id).getName()).isEqualTo("/" + tenant + "-web");
    }
}
