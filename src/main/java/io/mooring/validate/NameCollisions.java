package io.mooring.validate;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Hook;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Container names are {@code <tenant>-<component>}, so tenants {@code acme-web} (service {@code db}) and {@code acme}
 * (service {@code web-db}) would both want {@code acme-web-db}; a hook's job runs in {@code <container>-hook-<hook>},
 * which another service's container may want too. Such names are refused across the whole repository, not per
 * node: a commit can move a tenant to any node, and the engine only ever refuses the second create.
 */
final class NameCollisions {
    private NameCollisions() {
    }

    /** Who wants a name: a tenant's service, or the job of one of its hooks ({@code hook} empty for the service's own). */
    private record Holder(String tenant, String component, String hook) {
        /**
         * Written out: a record's generated equals and hashCode are bootstrapped at their first call, some method-handle
         * classes made for them (~9 ms of every validate, the first set this one).
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof Holder h && tenant.equals(h.tenant) && component.equals(h.component) && hook.equals(h.hook);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, component, hook);
        }

        String described() {
            return "tenant " + tenant + " (service " + component + (hook.isEmpty() ? "" : ", the job of its hook " + hook) + ")";
        }
    }

    /** The results again, each tenant's with a problem for every name another holder's container would also take. */
    static List<Validator.Result> check(List<Validator.Result> results) {
        // Only the names wanted twice, by tenant: looking at every name for every tenant grows with their product.
        Map<String, Map<String, Set<Holder>>> taken = new TreeMap<>();
        holders(results).forEach((name, wanting) -> {
            if (wanting.size() > 1) {
                wanting.forEach(h -> taken.computeIfAbsent(h.tenant(), t -> new TreeMap<>()).put(name, wanting));
            }
        });
        return results.stream().map(r -> withCollisions(r, taken.getOrDefault(r.tenant(), Map.of()))).toList();
    }

    /** Container name → who wants it, in the order the tenants were validated. */
    private static Map<String, Set<Holder>> holders(List<Validator.Result> results) {
        Map<String, Set<Holder>> holders = new TreeMap<>();
        for (Validator.Result result : results) {
            for (DesiredState state : result.hosts().values()) {
                for (DesiredContainer container : state.containers()) {
                    holders.computeIfAbsent(container.containerName(), n -> new LinkedHashSet<>())
                            .add(new Holder(result.tenant(), container.component(), ""));
                    for (Hook hook : container.rollout() == null ? List.<Hook>of() : container.rollout().hooks()) {
                        holders.computeIfAbsent(container.jobName(hook), n -> new LinkedHashSet<>())
                                .add(new Holder(result.tenant(), container.component(), hook.name()));
                    }
                }
            }
        }
        return holders;
    }

    private static Validator.Result withCollisions(Validator.Result result, Map<String, Set<Holder>> collisions) {
        List<Problem> problems = new ArrayList<>();
        collisions.forEach((name, wanting) -> problems.add(new Problem(Location.of(TenantLoader.INSTANCES + "/" + result.tenant()
                + "/components.yml"), "container name " + name + " is taken by " + String.join(" and ",
                wanting.stream().map(Holder::described).toList()) + "; rename a tenant, a service or a hook so that each container's"
                + " name is its own")));
        return result.with(problems);
    }
}
