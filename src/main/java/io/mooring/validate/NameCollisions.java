package io.mooring.validate;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Container names are {@code <tenant>-<component>}, so tenants {@code acme-web} (service {@code db}) and {@code acme}
 * (service {@code web-db}) would both want {@code acme-web-db}. Such names are refused across the whole repository,
 * not per node: a commit can move a tenant to any node, and the engine only ever refuses the second tenant's create.
 */
final class NameCollisions {
    private NameCollisions() {
    }

    /** The results again, each tenant's with a problem for every name another tenant's container would also take. */
    static List<Validator.Result> check(List<Validator.Result> results) {
        Map<String, Map<String, String>> holders = holders(results);
        return results.stream().map(r -> withCollisions(r, holders)).toList();
    }

    /** Container name → tenant → component, in the order the tenants were validated. */
    private static Map<String, Map<String, String>> holders(List<Validator.Result> results) {
        Map<String, Map<String, String>> holders = new TreeMap<>();
        for (Validator.Result result : results) {
            for (DesiredState state : result.hosts().values()) {
                for (DesiredContainer container : state.containers()) {
                    holders.computeIfAbsent(container.containerName(), n -> new LinkedHashMap<>())
                            .putIfAbsent(result.tenant(), container.component());
                }
            }
        }
        return holders;
    }

    private static Validator.Result withCollisions(Validator.Result result, Map<String, Map<String, String>> holders) {
        List<Problem> problems = new ArrayList<>(result.problems());
        holders.forEach((name, tenants) -> {
            if (tenants.size() > 1 && tenants.containsKey(result.tenant())) {
                problems.add(new Problem(Location.of(TenantLoader.INSTANCES + "/" + result.tenant() + "/components.yml"),
                        "container name " + name + " is taken by " + described(tenants) + "; rename a tenant or a service so"
                                + " that each container's name is its own"));
            }
        });
        return problems.size() == result.problems().size() ? result : new Validator.Result(result.tenant(), result.hosts(), problems, result.warnings());
    }

    private static String described(Map<String, String> tenants) {
        List<String> each = new ArrayList<>();
        tenants.forEach((tenant, component) -> each.add("tenant " + tenant + " (service " + component + ")"));
        return String.join(" and ", each);
    }
}
