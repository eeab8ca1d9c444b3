package io.mooring.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A component as components.yml defines it, before the inventory's variables are filled in. */
public record ServiceDefinition(
        String name,
        Location location,
        Template image,
        List<Template> command,
        Map<String, Template> environment,
        List<Template> ports,
        List<Template> volumes,
        String restart,
        Set<String> roles) {

    public ServiceDefinition {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        roles = Set.copyOf(roles);
    }

    /** True when this component runs on a host with these roles: no roles on either side means everywhere. */
    public boolean runsOn(Host host) {
        return roles.isEmpty() || host.roles().isEmpty() || host.roles().stream().anyMatch(roles::contains);
    }
}
