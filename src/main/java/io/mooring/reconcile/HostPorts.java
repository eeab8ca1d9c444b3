package io.mooring.reconcile;

import io.mooring.engine.Engine.PublishedPort;
import io.mooring.model.DesiredContainer;
import io.mooring.model.PortMapping;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A tenant's pass does not take a host port another tenant holds: before anything is created or replaced, the ports
 * the plan's new containers publish are compared with those the engine says other tenants' containers hold (one list
 * call, made only when the plan creates something that publishes a port), then claimed against other tenants' passes
 * under way ({@link PortClaims}) until the pass ends.
 */
final class HostPorts {
    private HostPorts() {
    }

    /** What the check found: why the plan cannot go ahead (and nothing was claimed), or the claim to let go of when the pass ends. */
    record Claimed(Optional<String> taken, Runnable release) implements AutoCloseable {
        static final Claimed NOTHING = new Claimed(Optional.empty(), () -> { });

        @Override
        public void close() {
            release.run();
        }
    }

    /** Checks the plan's published ports against the engine and other passes' claims and, when all are free, claims them. */
    static Claimed claim(String tenant, Plan plan, Supplier<List<PublishedPort>> published, PortClaims claims) {
        List<PublishedPort> wanted = new ArrayList<>();
        Map<PublishedPort, String> service = new HashMap<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.Create || action instanceof Action.Replace) {
                DesiredContainer container = action.target().orElseThrow();
                for (PortMapping port : container.ports()) {
                    if (port.hostPort() != 0) {
                        PublishedPort want = new PublishedPort(tenant, container.containerName(), port.hostIp(), port.hostPort(), port.protocol());
                        wanted.add(want);
                        service.put(want, container.component());
                    }
                }
            }
        }
        if (wanted.isEmpty()) {
            return Claimed.NOTHING;
        }
        // The tenant's own containers on another node sharing this engine hold their ports as firmly as another tenant's.
        List<PublishedPort> others = published.get().stream()
                .filter(p -> !p.tenant().equals(tenant) || !p.node().isEmpty() && !p.node().equals(plan.node())).toList();
        List<String> clashes = new ArrayList<>();
        Set<String> holders = new TreeSet<>();
        for (PublishedPort want : wanted) {
            Optional<PublishedPort> held = others.stream().filter(o -> clash(want, o)).findFirst();
            held.ifPresent(o -> {
                holders.add(o.tenant());
                clashes.add("service " + service.get(want) + " publishes host port " + side(want) + ", which container "
                        + o.container() + " of tenant " + o.tenant() + (o.tenant().equals(tenant) ? " on node " + o.node() : "")
                        + " holds (" + side(o) + ")");
            });
        }
        if (clashes.isEmpty()) {
            for (PublishedPort[] clash : claims.claim(tenant, wanted)) {
                holders.add(clash[1].tenant());
                clashes.add("service " + service.get(clash[0]) + " publishes host port " + side(clash[0]) + ", which tenant "
                        + clash[1].tenant() + "'s pass under way is about to publish for container " + clash[1].container()
                        + " (" + side(clash[1]) + ")");
            }
            if (clashes.isEmpty()) {
                return new Claimed(Optional.empty(), () -> claims.release(wanted));
            }
        }
        return new Claimed(Optional.of(refusal(plan.node(), clashes, holders)), () -> { });
    }

    private static String refusal(String node, List<String> clashes, Set<String> holders) {
        String them = holders.size() == 1 ? "tenant " + holders.iterator().next() : "tenants " + String.join(", ", holders);
        return "node " + node + ": host port taken by another tenant: " + String.join("; ", clashes) + "; nothing was changed."
                + " The next pass tries again once " + them + " " + (holders.size() == 1 ? "lets" : "let") + " the port go (a commit"
                + " that hands a port over is applied by each tenant's own pass, in either order); if both are meant to keep it,"
                + " give one of them another port in its components.yml";
    }

    /** Whether the two need the same host port: the same port and protocol, on overlapping addresses. */
    static boolean clash(PublishedPort a, PublishedPort b) {
        return new PortMapping(a.hostIp(), a.hostPort(), 1, a.protocol()).clashesWith(b.hostIp(), b.hostPort(), b.protocol());
    }

    private static String side(PublishedPort port) {
        return new PortMapping(port.hostIp(), port.hostPort(), 1, port.protocol()).hostSide();
    }
}
