package io.mooring.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The containers of one tenant that Mooring owns on this engine. */
public record ObservedState(String tenant, List<ObservedContainer> containers) {
    public ObservedState {
        containers = List.copyOf(containers);
    }

    /** The image references, as the revisions wrote them, that the containers were made from. */
    public Set<String> images() {
        return containers.stream().map(ObservedContainer::image).collect(Collectors.toSet());
    }
}
