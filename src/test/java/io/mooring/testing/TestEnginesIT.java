package io.mooring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.PortBinding;
import io.mooring.model.Labels;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engines scripts/test-env starts for the fleet tests are hosts of their own: each its own data root and
 * networks, pulling the test images from 127.0.0.1:5000, mirroring docker.io as the main engine does, and serving
 * a published port on this machine's loopback.
 */
class TestEnginesIT {
    private final String tenant = "eng" + UUID.randomUUID().toString().substring(0, 6);
    private final TestEngines engines = new TestEngines();

    @AfterEach
    void tearDown() throws Exception {
        engines.removeTenant(tenant);
        engines.close();
    }

    @Test
    void eachExtraEngineIsAHostOfItsOwnThatPullsTheTestImagesAndPublishesPorts() throws Exception {
        Set<String> roots = new HashSet<>();
        Set<String> subnets = new HashSet<>();
        for (int n = 1; n <= TestEngines.COUNT; n++) {
            DockerClient docker = engines.client(n);
            Info info = docker.infoCmd().exec();
            roots.add(info.getDockerRootDir());
            assertThat(String.valueOf(info.getRegistryConfig().getMirrors())).as("engine %d's mirrors", n).contains(StandIns.MIRROR);

            String network = tenant + "-net";
            docker.createNetworkCmd().withName(network).withDriver("bridge").withLabels(Map.of(Labels.TENANT, tenant)).exec();
            subnets.add(docker.inspectNetworkCmd().withNetworkId(network).exec().getIpam().getConfig().get(0).getSubnet());

            String image = TestDocker.image("1.0");
            docker.pullImageCmd(image).exec(new PullImageResultCallback()).awaitCompletion();
            int port = Http.freePort();
            String id = docker.createContainerCmd(image).withName(tenant + "-" + n).withLabels(Map.of(Labels.TENANT, tenant))
                    .withExposedPorts(ExposedPort.tcp(8080)).withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)
                            .withPortBindings(PortBinding.parse("127.0.0.1:" + port + ":8080"))).exec().getId();
            docker.startContainerCmd(id).exec();
            assertThat(Await.until(Duration.ofSeconds(20), () -> Http.get("http://127.0.0.1:" + port + "/"), "web 1.0"::equals))
                    .isEqualTo("web 1.0");
        }
        assertThat(roots).as("a data root each").hasSize(TestEngines.COUNT).noneMatch("/var/lib/docker"::equals);
        assertThat(subnets).as("no two engines route the same subnet").hasSize(TestEngines.COUNT);
        for (int n = 1; n <= TestEngines.COUNT; n++) {
            assertThat(engines.containers(n, tenant)).as("engine %d sees its own container only", n).hasSize(1);
        }
        assertThat(engines.containers(TestEngines.MAIN, tenant)).as("the main engine sees none of them").isEmpty();
    }
}
