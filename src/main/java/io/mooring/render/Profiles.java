package io.mooring.render;

import io.mooring.model.DesiredContainer;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compose profiles: a service with {@code profiles} runs only where one of them is active, as the inventory's
 * {@code COMPOSE_PROFILES} (comma-separated, as Compose's variable) says for the host; a service without runs everywhere
 * its roles place it. A running service may not need one that its profiles leave out.
 */
final class Profiles {
    static final String VARIABLE = "COMPOSE_PROFILES";

    private Profiles() {
    }

    static boolean active(ServiceDefinition service, Map<String, String> vars) {
        Set<String> profiles = service.options().profiles();
        if (profiles.isEmpty()) {
            return true;
        }
        String active = vars.get(VARIABLE);
        Set<String> chosen = active == null ? Set.of() : Set.of(active.split(",")).stream().map(String::strip).collect(Collectors.toSet());
        return chosen.contains("*") || profiles.stream().anyMatch(chosen::contains);
    }

    /** A required dependency that a profile leaves out is refused, at the depends_on that names it. */
    static List<Problem> check(List<ServiceDefinition> placed, List<DesiredContainer> running) {
        Set<String> names = running.stream().map(DesiredContainer::component).collect(Collectors.toSet());
        List<Problem> problems = new ArrayList<>();
        for (ServiceDefinition service : placed) {
            if (!names.contains(service.name())) {
                continue;
            }
            for (String dependency : service.dependsOn()) {
                ServiceDefinition other = placed.stream().filter(s -> s.name().equals(dependency)).findFirst().orElse(null);
                if (other != null && !names.contains(dependency) && !other.options().profiles().isEmpty()
                        && !service.options().optional().contains(dependency)) {
                    problems.add(new Problem(service.at("depends_on"), "services." + service.name() + " depends on " + dependency
                            + ", whose profiles " + other.options().profiles() + " are not active here (" + VARIABLE
                            + " in the inventory); activate one, or write required: false"));
                }
            }
        }
        return problems;
    }
}
