package io.mooring.model;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

    /**
     * Why the agent of {@code node} cannot run {@code components} on this engine, if it cannot: another node's container
     * (or hook job) of one of them is here. Container names are the tenant's and the component's alone, so two nodes
     * sharing an engine would take the same name and each remove the other's container; the pass changes nothing instead.
     */
    public Optional<String> heldByAnotherNode(String node, Collection<String> components) {
        return containers.stream()
                .filter(c -> !c.onNode(node) && components.contains(c.component()))
                .findFirst()
                .map(c -> "component " + c.component() + " of tenant " + tenant + " runs on node " + c.node() + " on this engine"
                        + " (container " + c.name() + "); two nodes of one tenant cannot run one component on a shared engine:"
                        + " give the component's role to one of them in the inventory, or give node " + node + " an engine of its own");
    }

    /** The image references, as the revisions wrote them, that the containers were made from. */
    public Set<String> images() {
        return containers.stream().map(ObservedContainer::image).collect(Collectors.toSet());
    }
}
