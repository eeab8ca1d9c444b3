package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Http;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A new container that exits or never turns healthy is removed and the old one serves again. */
class RollbackIT {
    private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final TestDocker docker = new TestDocker();
    private TestRepo repo;
    private Path home;
    private int port;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        home = tmp.resolve("home");
        port = Http.freePort();
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(tenant, tenant + "_data");
        repo.close();
        docker.close();
    }

    private MooringCli.Result applyVersion(String version) throws Exception {
        repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        repo.write("components.yml", """
                services:
                  web:
                    image: %s/demo/web:${web_version}
                    ports: ["127.0.0.1:%d:8080"]
                    volumes: [data:/data]
                """.formatted(TestDocker.REGISTRY, port));
        repo.commit("web " + version);
        return MooringCli.run("apply", "--repo", repo.dir().toString(), "--tenant", tenant, "--node", "node-a",
                "--home", home.toString(), "--health-timeout", "20");
    }

    @ParameterizedTest
    @CsvSource({"crash, exited with code 3", "unhealthy, unhealthy"})
    void aBrokenTagIsRolledBack(String tag, String why) throws Exception {
        assertThat(applyVersion("1.0").exitCode()).isZero();
        String before = docker.tenantContainers(tenant).get(0).getId();

        MooringCli.Result broken = applyVersion(tag);
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.stderr()).contains("apply failed").contains(why).contains("rolled back to " + tenant + "-web");
        assertThat(docker.tenantContainers(tenant)).extracting(c -> c.getId()).containsExactly(before);
        assertThat(docker.inspect(before).getState().getRunning()).isTrue();
        assertThat(Http.get("http://127.0.0.1:" + port + "/")).isEqualTo("web 1.0");
    }
}
