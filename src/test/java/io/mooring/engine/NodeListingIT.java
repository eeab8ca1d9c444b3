package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.Labels;
import io.mooring.model.ObservedContainer;
import io.mooring.testing.Await;
import io.mooring.testing.TestDocker;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Containers of two nodes on one real engine: each node lists its own (and those made before the node label), never the
 * other's nor a hook's job, with the health the engine reports.
 */
class NodeListingIT {
    private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final TestDocker docker = new TestDocker();
    private final Engine engine = new DockerEngine("unix:///var/run/docker.sock");

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(tenant);
        engine.close();
        docker.close();
    }

    private void run(String component, String node, String job) throws InterruptedException {
        Map<String, String> labels = new java.util.HashMap<>(Map.of(Labels.TENANT, tenant, Labels.COMPONENT, component,
                Labels.IMAGE, TestDocker.image("1.0"), Labels.DIGEST, "sha256:feed", Labels.PORTS, ""));
        if (node != null) {
            labels.put(Labels.NODE, node);
        }
        if (job != null) {
            labels.put(Labels.JOB, job);
        }
        docker.runForeign(tenant + "-" + component + (job == null ? "" : "-" + job), TestDocker.image("1.0"), labels);
    }

    @Test
    void eachNodeListsItsOwnAndUnlabelledContainersWithTheirHealth() throws Exception {
        run("web", "node-a", null);
        run("api", "node-b", null);
        run("old", null, null);
        run("web", "node-a", "migrate");

        List<Engine.Listed> onA = Await.until(Duration.ofSeconds(30), () -> engine.listed("node-a").stream()
                .filter(c -> c.tenant().equals(tenant)).sorted(Comparator.comparing(Engine.Listed::component)).toList(),
                listed -> listed.size() == 2 && listed.stream().allMatch(c -> c.health().equals("healthy")));
        assertThat(onA).extracting(Engine.Listed::component).containsExactly("old", "web");
        assertThat(onA.get(1)).isEqualTo(new Engine.Listed(tenant, "web", TestDocker.image("1.0"), "sha256:feed", "running", "healthy"));
        assertThat(engine.listed("node-b")).filteredOn(c -> c.tenant().equals(tenant)).extracting(Engine.Listed::component)
                .containsExactlyInAnyOrder("api", "old");

        assertThat(engine.observe(tenant).containers()).as("the engine's view: every node's").hasSize(4);
        assertThat(engine.observe(tenant).onNode("node-b").containers()).extracting(ObservedContainer::component)
                .containsExactlyInAnyOrder("api", "old");
    }
}
