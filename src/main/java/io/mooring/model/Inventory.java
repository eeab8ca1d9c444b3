package io.mooring.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tenant's inventory: its hosts, sorted by name, and what was read but deserves a look without making the
 * inventory invalid (a key written twice, which Ansible too only warns about).
 */
public record Inventory(String file, SortedMap<String, Host> hosts, List<Problem> warnings, Set<String> sealed) {
    public Inventory {
        hosts = new TreeMap<>(hosts);
        warnings = List.copyOf(warnings);
        sealed = Set.copyOf(sealed);
    }

    public Inventory(String file, SortedMap<String, Host> hosts, List<Problem> warnings) {
        this(file, hosts, warnings, Set.of());
    }

    public Inventory(String file, SortedMap<String, Host> hosts) {
        this(file, hosts, List.of());
    }

    /**
     * The inventory with the variables of an encrypted {@code secrets.yml.age} over every host's own, whatever the
     * inventory sets (the highest precedence, as Ansible's extra vars); their names are kept in {@link #sealed()} so that
     * their values are redacted wherever text could carry them.
     */
    public Inventory withSealed(Map<String, String> vars, Map<String, Location> origins) {
        if (vars.isEmpty()) {
            return this;
        }
        TreeMap<String, Host> over = new TreeMap<>();
        hosts.forEach((name, host) -> {
            Map<String, String> all = new HashMap<>(host.vars());
            all.putAll(vars);
            Map<String, Location> where = new HashMap<>(host.origins());
            where.putAll(origins);
            over.put(name, new Host(name, all, host.roles(), host.groups(), where));
        });
        Set<String> names = new HashSet<>(sealed);
        names.addAll(vars.keySet());
        return new Inventory(file, over, warnings, names);
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Map<String, Host> hostMap() {
        return hosts;
    }
}
