package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agents sharing one engine: each acts on its own node's containers, and on those made before containers carried a node. */
class ObservedStateTest {
    private static ObservedContainer on(String name, String node) {
        return new ObservedContainer("id-" + name, name, "acme", name, "rev", "hash", "web:1", "running", "", "web:1", Map.of(), "",
                false, List.of(), List.of(), List.of(), List.of(), node);
    }

    @Test
    void anAgentSeesItsOwnNodesContainersAndUnlabelledOnesNeverAnotherNodes() {
        ObservedState all = new ObservedState("acme", List.of(on("web", "node-a"), on("db", "node-b"), on("old", "")));

        assertThat(all.onNode("node-a").containers()).extracting(ObservedContainer::name).containsExactly("web", "old");
        assertThat(all.onNode("node-b").containers()).extracting(ObservedContainer::name).containsExactly("db", "old");
        assertThat(all.onNode("node-c").containers()).extracting(ObservedContainer::name).containsExactly("old");
    }

    @Test
    void aContainerReadFromARevisionHasNoNode() {
        assertThat(new ObservedContainer("id", "web", "acme", "web", "rev", "hash", "web:1", "running").node()).isEmpty();
    }

    @Test
    void aComponentAnotherNodeRunsOnTheEngineIsNamedWithTheNodeAndTheRemedy() {
        ObservedState all = new ObservedState("acme", List.of(on("web", "node-a"), on("db", "node-b"), on("old", "")));

        assertThat(all.heldByAnotherNode("node-b", List.of("web", "db"))).get().asString()
                .startsWith("component web of tenant acme runs on node node-a on this engine")
                .contains("two nodes of one tenant cannot run one component on a shared engine");
        assertThat(all.heldByAnotherNode("node-a", List.of("web", "old"))).as("its own, and one without a node").isEmpty();
        assertThat(all.heldByAnotherNode("node-c", List.of("api"))).isEmpty();
    }
}
