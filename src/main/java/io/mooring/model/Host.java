package io.mooring.model;

import java.util.List;
import java.util.Map;

/** A host of a tenant's inventory with its effective variables (host vars over group vars over all.vars). */
public record Host(String name, Map<String, String> vars, List<String> roles) {
    public Host {
        vars = Map.copyOf(vars);
        roles = List.copyOf(roles);
    }
}
