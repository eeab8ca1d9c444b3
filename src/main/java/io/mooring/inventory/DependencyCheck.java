package io.mooring.inventory;

import io.mooring.model.ServiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every dependency names a defined service, and no service depends on itself through others. */
final class DependencyCheck {
    private DependencyCheck() {
    }

    static void check(List<ServiceDefinition> services, Problems problems) {
        Map<String, ServiceDefinition> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        for (ServiceDefinition service : services) {
            for (String dependency : service.dependsOn()) {
                if (!byName.containsKey(dependency) && !service.options().optional().contains(dependency)) {
                    // A dependency of links: is written there.
                    problems.add(service.at(service.keys().containsKey("depends_on") ? "depends_on" : "links"), "services." + service.name()
                            + ".depends_on: no service named " + dependency + "; the services are " + byName.keySet());
                }
            }
        }
        Set<String> done = new LinkedHashSet<>();
        for (ServiceDefinition service : services) {
            List<String> cycle = cycle(service.name(), byName, new ArrayList<>(), done);
            if (cycle != null) {
                ServiceDefinition first = byName.get(cycle.get(0));
                problems.add(first.at("depends_on"),
                        "dependency cycle: " + String.join(" -> ", cycle) + "; no order can start these services");
                return;
            }
        }
    }

    private static List<String> cycle(String name, Map<String, ServiceDefinition> byName, List<String> path, Set<String> done) {
        int seen = path.indexOf(name);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(name);
            return cycle;
        }
        if (done.contains(name) || !byName.containsKey(name)) {
            return null;
        }
        path.add(name);
        for (String dependency : byName.get(name).dependsOn()) {
            List<String> cycle = cycle(dependency, byName, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return null;
    }
}
