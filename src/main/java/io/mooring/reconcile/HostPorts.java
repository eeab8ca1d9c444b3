package io.mooring.reconcile;

import io.mooring.engine.Engine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.PortMapping;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tenant's pass does not take a host port another tenant's container publishes: before anything is created or
 * replaced, the ports the plan's new containers publish are compared with those the engine says other tenants'
 * containers publish now (one list call, made only when the plan creates something that publishes a port).
 */
final class HostPorts {
    private HostPorts() {
    }

    /** Why the plan cannot go ahead, naming the other tenant and its container, or empty when no port is taken. */
    static Optional<String> taken(String tenant, Plan plan, Supplier<List<Engine.PublishedPort>> published) {
        List<DesiredContainer> publishing = new ArrayList<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.Create || action instanceof Action.Replace) {
                action.target().filter(c -> c.ports().stream().anyMatch(p -> p.hostPort() != 0)).ifPresent(publishing::add);
            }
        }
        if (publishing.isEmpty()) {
            return Optional.empty();
        }
        List<Engine.PublishedPort> others = published.get().stream().filter(p -> !p.tenant().equals(tenant)).toList();
        List<String> clashes = new ArrayList<>();
        for (DesiredContainer container : publishing) {
            for (PortMapping port : container.ports()) {
                others.stream().filter(o -> port.clashesWith(o.hostIp(), o.hostPort(), o.protocol())).findFirst()
                        .ifPresent(o -> clashes.add("service " + container.component() + " publishes host port " + port.hostSide()
                                + ", which container " + o.container() + " of tenant " + o.tenant() + " holds ("
                                + new PortMapping(o.hostIp(), o.hostPort(), 1, o.protocol()).hostSide() + ")"));
            }
        }
        if (clashes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("host port taken by another tenant: " + String.join("; ", clashes) + "; nothing was changed:"
                + " give one of them another port in its components.yml (mooring validate of the repository names both)");
    }
}
