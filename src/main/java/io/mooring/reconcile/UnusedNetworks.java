package io.mooring.reconcile;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.ContainerOptions;
import io.mooring.model.DesiredState;
import io.mooring.model.ObservedContainer;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After a pass that changed something, the tenant's networks of components.yml that no container on this engine joins
 * any more (a network renamed or dropped) are removed; one still in use is left, and said. In use is what the desired
 * containers join and what the containers there now are attached to, running or not: an old container a maintenance
 * window kept, stopped or restarting, keeps its networks. A network is the engine's, not the node's: the containers of
 * every node sharing the engine count.
 */
final class UnusedNetworks {
    private UnusedNetworks() {
    }

    static void prune(Engine engine, DesiredState desired, Plan plan, List<String> notes) {
        if (plan.actions().stream().allMatch(a -> a instanceof Action.Keep)) {
            return;
        }
        Set<String> used = desired.containers().stream().flatMap(c -> c.options().networks().stream())
                .map(ContainerOptions.NetworkAttachment::network).collect(Collectors.toCollection(java.util.HashSet::new));
        List<String> networks;
        try {
            for (ObservedContainer container : engine.observe(desired.tenant()).containers()) {
                if (container.networks().isEmpty()) {
                    notes.add("networks no service joins any more are kept: the networks of " + container.name() + " are not known");
                    return;
                }
                used.addAll(container.networks());
            }
            networks = engine.composeNetworks(desired.tenant());
        } catch (EngineException e) {
            notes.add("networks no service joins any more are kept: " + e.getMessage());
            return;
        }
        for (String network : networks) {
            try {
                if (!used.contains(network) && engine.removeNetwork(network, desired.tenant())) {
                    notes.add("network " + network + " removed: no service joins it any more");
                }
            } catch (EngineException e) {
                notes.add("network " + network + ", which no service joins any more, is kept: " + e.getMessage());
            }
        }
    }
}
