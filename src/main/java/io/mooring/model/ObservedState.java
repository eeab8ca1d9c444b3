package io.mooring.model;

import java.util.List;

/** The containers of one tenant that Mooring owns on this engine. */
public record ObservedState(String tenant, List<ObservedContainer> containers) {
    public ObservedState {
        containers = List.copyOf(containers);
    }
}
