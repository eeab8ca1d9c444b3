package io.mooring.model;

import java.util.List;

/** What must run for one tenant on one node at one revision, in component order. */
public record DesiredState(String tenant, String node, Revision revision, List<DesiredContainer> containers) {
    public DesiredState {
        containers = List.copyOf(containers);
    }
}
