package io.mooring.model;

import java.util.List;
import java.util.Map;

/**
 * A host of a tenant's inventory with its effective variables (host vars over group vars over all.vars),
 * the roles its {@code roles} variable gives (empty when unset), the groups it belongs to, and where
 * in the inventory each variable was set.
 */
public record Host(String name, Map<String, String> vars, List<String> roles, List<String> groups, Map<String, Location> origins) {
    public Host {
        vars = Map.copyOf(vars);
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        origins = Map.copyOf(origins);
    }

    public Host(String name, Map<String, String> vars, List<String> roles) {
        this(name, vars, roles, List.of(), Map.of());
    }

    /** Where the variable was set, or nowhere in particular when Mooring supplied it. */
    public Location origin(String variable) {
        return origins.getOrDefault(variable, Location.of("(computed)"));
    }
}
