package io.mooring.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The containers of one tenant that Mooring owns on this engine. */
public record ObservedState(String tenant, List<ObservedContainer> containers) {
    public ObservedState {
        containers = List.copyOf(containers);
    }

    /**
     * The containers the agent of {@code node} acts on: agents sharing one engine (tests, or nodes on one host) never plan
     * against, remove or depart with another node's containers. A container without a node label stays visible to every
     * agent, so that containers made before the label are not orphaned by an upgrade.
     */
    public ObservedState onNode(String node) {
        return new ObservedState(tenant, containers.stream().filter(c -> c.onNode(node)).toList());
    }

    /** The image references, as the revisions wrote them, that the containers were made from. */
    public Set<String> images() {
        return containers.stream().map(ObservedContainer::image).collect(Collectors.toSet());
    }
}
