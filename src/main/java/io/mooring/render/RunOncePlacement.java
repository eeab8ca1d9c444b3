package io.mooring.render;

import io.mooring.model.DesiredContainer;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service that waits for another to complete ({@code service_completed_successfully}) waits for the run on its own host:
 * one host's agent cannot see another host's run end, so the service it waits for must run on the same host.
 */
final class RunOncePlacement {
    private RunOncePlacement() {
    }

    static List<Problem> check(String host, List<ServiceDefinition> placed, List<DesiredContainer> running) {
        Set<String> here = running.stream().map(DesiredContainer::component).collect(Collectors.toSet());
        Set<String> placedHere = placed.stream().map(ServiceDefinition::name).collect(Collectors.toSet());
        List<Problem> problems = new ArrayList<>();
        for (ServiceDefinition service : placed) {
            if (!here.contains(service.name())) {
                continue;
            }
            service.options().conditions().forEach((dependency, condition) -> {
                if (ServiceDefinition.COMPLETED.equals(condition) && !placedHere.contains(dependency)
                        && !service.options().optional().contains(dependency)) {
                    problems.add(new Problem(service.at("depends_on"), "services." + service.name() + " waits for " + dependency
                            + " to complete on host " + host + ", where " + dependency + " does not run; an agent sees only its own"
                            + " host's runs: give " + dependency + " the roles of " + service.name() + " (x-mooring.roles)"));
                }
            });
        }
        return problems;
    }
}
