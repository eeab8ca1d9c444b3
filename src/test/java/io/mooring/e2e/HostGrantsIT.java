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
 * What a tenant's commit may ask of the host is granted by the agent, on the real engine through the jar:
 * a component's name grants nothing, and a bind source that a container turned into a link is refused when
 * the next commit mounts it, with what runs left running.
 */
class HostGrantsIT {
    @TempDir
    Path tmp;
    private TenantFixture it;
    private Path binds;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
        binds = Files.createDirectories(tmp.resolve("binds")).toRealPath();
    }

    @AfterEach
    void tearDown() throws Exception {
        it.close();
    }

    private void commit(String version, String components) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", """
                all:
                  hosts:
                    node-a: {}
                  vars:
                    web_version: "%s"
                """.formatted(version));
        it.repo.write("components.yml", components);
        it.repo.commit("web " + version);
    }

    private String web(String bind) {
        return it.webComponents().replace("volumes: [data:/data]", "volumes: [data:/data, \"" + bind + "\"]");
    }

    @Test
    void aServiceNamedAsteriskGetsNoHostNetworkAndNothingIsCreated() throws Exception {
        commit("1.0", """
                services:
                  asterisk:
                    image: %s/demo/web:${web_version}
                    network_mode: host
                """.formatted(TestDocker.REGISTRY));
        MooringCli.Result result = it.apply();
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.toString()).contains("services.asterisk: network_mode: host is not granted to tenant " + it.tenant)
                .contains("guardrails.tenants." + it.tenant + ".hostNetwork: true");
        assertThat(it.containers()).isEmpty();
    }

    @Test
    void aBindSourceTurnedIntoALinkIsRefusedAtApplyAndWhatRanKeepsRunning() throws Exception {
        Path folder = Files.createDirectories(binds.resolve(it.tenant).resolve("conf"));
        String allow = binds + "/{tenant}";
        commit("1.0", web(folder + ":/conf:ro"));
        MooringCli.Result first = it.apply("--allow-folder", allow);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(it.page("/")).isEqualTo("web 1.0");

        // What a container with the folder mounted writable could plant for a later commit to mount.
        Path link = Files.createSymbolicLink(binds.resolve(it.tenant).resolve("etc-link"), Path.of("/etc"));
        commit("1.1", web(link + ":/hostetc:ro"));
        MooringCli.Result second = it.apply("--allow-folder", allow);

        assertThat(second.exitCode()).as(second.toString()).isNotZero();
        assertThat(second.toString()).contains("bind mount source " + link + " of service web passes through the symbolic link " + link);
        assertThat(it.page("/")).as("the first container keeps serving").isEqualTo("web 1.0");
        assertThat(it.containers()).singleElement().satisfies(c -> assertThat(c).endsWith("running"));
    }
}
