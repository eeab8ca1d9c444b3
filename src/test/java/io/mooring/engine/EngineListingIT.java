package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedContainer;
import io.mooring.testing.TestDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine's container list tells Mooring (read as JSON, not through docker-java's beans): a tenant's containers
 * with every field the planner reads, the node's listing, the host ports, a hostile tenant name kept inside the filter.
 */
class EngineListingIT {
    @Test
    void aContainerIsObservedAsTheEngineReportsIt(@TempDir Path dir) throws Exception {
        ImageRef image = ImageRef.parse(TestDocker.image("2.0"));
        String tenant = "itlist" + UUID.randomUUID().toString().substring(0, 6);
        String volume = tenant + "-data";
        String network = tenant + "-net";
        Path bound = Files.createDirectory(dir.resolve("bound"));
        try (Engine engine = new DockerEngine("unix:///var/run/docker.sock")) {
            engine.pull(image);
            docker("network", "create", network);
            String id = docker("create", "--name", tenant + "-web", "--network", network, "-p", "127.0.0.1::8080",
                    "-v", volume + ":/data", "-v", "/cache", "-v", bound + ":/bound:ro",
                    "--label", "io.mooring.tenant=" + tenant, "--label", "io.mooring.component=web",
                    "--label", "io.mooring.spec-hash=abc", "--label", "io.mooring.spec-fields=image=1;env=2",
                    "--label", "io.mooring.external-volumes=shared,other", "--label", "io.mooring.node=node-a",
                    image.reference()).strip();
            try {
                ObservedContainer seen = engine.observe(tenant).containers().get(0);
                assertThat(seen.id()).isEqualTo(id);
                assertThat(seen.name()).isEqualTo(tenant + "-web");
                assertThat(seen.tenant()).isEqualTo(tenant);
                assertThat(seen.component()).isEqualTo("web");
                assertThat(seen.specHash()).isEqualTo("abc");
                assertThat(seen.specFields()).isEqualTo(Map.of("image", "1", "env", "2"));
                assertThat(seen.image()).isEqualTo(image.reference());
                assertThat(seen.state()).isEqualTo("created");
                assertThat(seen.volumes()).containsExactly(volume);
                assertThat(seen.anonymousVolumes()).singleElement().satisfies(v -> assertThat(v.target()).isEqualTo("/cache"));
                assertThat(seen.networks()).containsExactly(network);
                assertThat(seen.externalVolumes()).containsExactly("shared", "other");
                assertThat(seen.node()).isEqualTo("node-a");
                assertThat(engine.listed("node-a")).filteredOn(l -> l.tenant().equals(tenant)).singleElement()
                        .isEqualTo(new Engine.Listed(tenant, "web", image.reference(), "", "created", "none"));
                assertThat(engine.listed("node-b")).noneMatch(l -> l.tenant().equals(tenant));

                docker("start", id);
                String port = docker("port", id, "8080/tcp").strip().lines().findFirst().orElseThrow();
                int hostPort = Integer.parseInt(port.substring(port.lastIndexOf(':') + 1));
                assertThat(engine.observe(tenant).containers().get(0).state()).isEqualTo("running");
                assertThat(engine.publishedPorts()).contains(
                        new Engine.PublishedPort(tenant, tenant + "-web", "127.0.0.1", hostPort, "tcp", "node-a"));
            } finally {
                docker("rm", "-f", "-v", id);
                docker("volume", "rm", volume);
                docker("network", "rm", network);
            }
        }
    }

    @Test
    void aTenantNameCannotWidenTheFilter() {
        try (Engine engine = new DockerEngine("unix:///var/run/docker.sock")) {
            assertThat(engine.observe("x\"],\"name\":[\"").containers()).isEmpty();
            assertThat(engine.observe("").containers()).isEmpty();
        }
    }

    @Test
    void anUnreachableEngineIsNamedWithWhatWasAsked() {
        try (Engine nowhere = new DockerEngine("unix:///tmp/mooring-no-such.sock")) {
            assertThatThrownBy(() -> nowhere.observe("t")).isInstanceOf(EngineException.class)
                    .hasMessageContaining("cannot reach the Docker engine at unix:///tmp/mooring-no-such.sock (list containers)");
            assertThatThrownBy(() -> nowhere.listed("n")).isInstanceOf(EngineException.class)
                    .hasMessageContaining("(list containers)");
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
