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
        runOnce(services, byName, problems);
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

    /**
     * A service waited for with {@code service_completed_successfully} runs once: one that the engine restarts would never
     * complete (or complete again and again), so only {@code restart: "no"} or none is accepted.
     */
    private static void runOnce(List<ServiceDefinition> services, Map<String, ServiceDefinition> byName, Problems problems) {
        for (String name : ServiceDefinition.awaitedToComplete(services)) {
            ServiceDefinition job = byName.get(name);
            if (job == null) {
                continue;
            }
            if (job.rollout().probe() != null) {
                problems.add(job.at("x-mooring"), "services." + name + ".x-mooring.probe: " + name + " runs once (another service waits"
                        + " for it to complete), so its rollout waits for it to exit with code 0 and no probe is asked; remove the probe");
            }
            services.stream().filter(s -> ServiceDefinition.HEALTHY.equals(s.options().conditions().get(name))).forEach(s ->
                    problems.add(s.at("depends_on"), "services." + s.name() + ".depends_on." + name + ".condition: service_healthy"
                            + " never holds for " + name + ", which runs once and exits (another service waits for it to complete);"
                            + " write condition: " + ServiceDefinition.COMPLETED));
            if (!job.keys().containsKey("restart") || "no".equals(job.restart())) {
                continue;
            }
            String waiting = services.stream().filter(s -> ServiceDefinition.COMPLETED.equals(s.options().conditions().get(name)))
                    .map(ServiceDefinition::name).findFirst().orElse("?");
            problems.add(job.at("restart"), "services." + name + ".restart: " + job.restart() + " cannot be kept: services." + waiting
                    + " waits for " + name + " to complete (condition: " + ServiceDefinition.COMPLETED + "), so Mooring runs it once"
                    + " and a restarted container never completes; remove restart: or write restart: \"no\"");
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
