package io.mooring.model;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A tenant's inventory: its hosts, sorted by name. */
public record Inventory(String file, SortedMap<String, Host> hosts) {
    public Inventory {
        hosts = new TreeMap<>(hosts);
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Map<String, Host> hostMap() {
        return hosts;
    }
}
