package io.mooring.validate;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Location;
import io.mooring.model.PortMapping;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two tenants publishing the same host port on one node: the engine would refuse the second container, or the
 * second tenant would take the port while the first is being replaced. Refused for both, per node, by host address,
 * port and protocol, where an unspecified address (or 0.0.0.0, ::) is every address and overlaps any other. A node is
 * a host name of the inventories; two tenants' hosts of one name whose {@code ansible_host} differ are two machines
 * (tenants that kept a layout's names, such as omnileads-app, each on servers of their own).
 */
final class PortCollisions {
    private PortCollisions() {
    }

    /** One published host port of one tenant's service on one node (its ansible_host, when set), and where it is written. */
    private record Claim(String tenant, String service, String node, String machine, PortMapping port, Location at) {
        String described() {
            return "tenant " + tenant + " (service " + service + ", " + port.hostSide() + ")";
        }

        boolean sameMachine(Claim other) {
            return machine.isEmpty() || other.machine.isEmpty() || machine.equals(other.machine);
        }
    }

    /** The results again, each tenant's with a problem for every host port another tenant publishes on the same node. */
    static List<Validator.Result> check(List<Validator.Result> results) {
        // Only claims of the same node, port and protocol can clash: each such group is compared within itself.
        Map<String, List<Claim>> byPort = new LinkedHashMap<>();
        for (Validator.Result result : results) {
            claims(result).forEach(claim -> byPort.computeIfAbsent(claim.node() + " " + claim.port().hostPort() + "/"
                    + claim.port().protocol(), n -> new ArrayList<>()).add(claim));
        }
        Map<String, List<Problem>> problems = new LinkedHashMap<>();
        for (List<Claim> claims : byPort.values()) {
            for (int i = 0; i < claims.size(); i++) {
                for (int j = i + 1; j < claims.size(); j++) {
                    Claim a = claims.get(i);
                    Claim b = claims.get(j);
                    if (!a.tenant().equals(b.tenant()) && a.sameMachine(b)
                            && a.port().clashesWith(b.port().hostIp(), b.port().hostPort(), b.port().protocol())) {
                        problems.computeIfAbsent(a.tenant(), t -> new ArrayList<>()).add(problem(a, b));
                        problems.computeIfAbsent(b.tenant(), t -> new ArrayList<>()).add(problem(b, a));
                    }
                }
            }
        }
        return results.stream().map(r -> r.with(problems.getOrDefault(r.tenant(), List.of()))).toList();
    }

    private static Problem problem(Claim own, Claim other) {
        String machine = own.machine().isEmpty() ? other.machine() : own.machine();
        return new Problem(own.at(), "host port " + own.port().hostPort() + "/" + own.port().protocol() + " on node " + own.node()
                + (machine.isEmpty() ? "" : " (ansible_host " + machine + ")") + " is published by both " + own.described()
                + " and " + other.described() + "; one host port can be held by one container only: give one of them another port");
    }

    private static List<Claim> claims(Validator.Result result) {
        List<Claim> claims = new ArrayList<>();
        for (Map.Entry<String, DesiredState> host : result.hosts().entrySet()) {
            String machine = result.config() == null ? "" : result.config().inventory().host(host.getKey())
                    .map(h -> h.vars().get("ansible_host")).filter(a -> !a.isEmpty()).orElse("");
            for (DesiredContainer container : host.getValue().containers()) {
                for (int i = 0; i < container.ports().size(); i++) {
                    PortMapping port = container.ports().get(i);
                    if (port.hostPort() != 0) {
                        claims.add(new Claim(result.tenant(), container.component(), host.getKey(), machine, port,
                                where(result, container.component(), i)));
                    }
                }
            }
        }
        return claims;
    }

    /** The line of the port in the service's definition; the tenant's components.yml when it is not known. */
    private static Location where(Validator.Result result, String component, int index) {
        ServiceDefinition service = result.config() == null ? null
                : result.config().services().stream().filter(s -> s.name().equals(component)).findFirst().orElse(null);
        if (service == null) {
            return Location.of(TenantLoader.INSTANCES + "/" + result.tenant() + "/components.yml");
        }
        List<Template> ports = service.ports();
        return index < ports.size() ? ports.get(index).location() : service.at("ports");
    }
}
