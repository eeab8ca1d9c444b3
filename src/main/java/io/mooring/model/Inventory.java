package io.mooring.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tenant's inventory: its hosts, sorted by name, and what was read but deserves a look without making the
 * inventory invalid (a key written twice, which Ansible too only warns about).
 */
public record Inventory(String file, SortedMap<String, Host> hosts, List<Problem> warnings) {
    public Inventory {
        hosts = new TreeMap<>(hosts);
        warnings = List.copyOf(warnings);
    }

    public Inventory(String file, SortedMap<String, Host> hosts) {
        this(file, hosts, List.of());
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Map<String, Host> hostMap() {
        return hosts;
    }
}
