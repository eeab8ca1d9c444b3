package io.mooring.render;

import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.TenantConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which components run on which host of a tenant. A host's roles come, first found, from its {@code roles}
 * variable; from its groups: the deploy tool's role and pod groups ({@link RealLayouts}) and groups named
 * after a role; from its marker vars ({@code omlapp: true}); from its name (the tool's role-named hosts, then
 * the seed layouts'); or, in a single-host inventory, are every role. A component whose {@code skip_if_set} variable is set for
 * a host is replaced there by a managed service and does not run.
 */
public final class Placement {
    /** Where each component runs, by component name; a component placed nowhere is absent. */
    private final Map<String, List<Host>> hostsOf = new LinkedHashMap<>();
    private final Map<String, List<ServiceDefinition>> componentsOf = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    /** The roles of a host that runs nothing: a role no component can have (role names are lower-case). */
    private static final Set<String> LEFT_ALONE = Set.of("(left alone)");

    private Placement() {
    }

    public static Placement of(TenantConfig config) {
        return of(config, new InventoryVars(config.inventory()));
    }

    /** With the render's filled-in values: marker vars and managed-service switches are read once filled in. */
    static Placement of(TenantConfig config, InventoryVars values) {
        Placement placement = new Placement();
        placement.place(config, values);
        return placement;
    }

    /** The components that run on this host, in definition order. */
    public List<ServiceDefinition> componentsOn(String host) {
        return componentsOf.getOrDefault(host, List.of());
    }

    /** The hosts that run this component, sorted by name. */
    public List<Host> hostsOf(String component) {
        return hostsOf.getOrDefault(component, List.of());
    }

    public List<Problem> problems() {
        return problems;
    }

    private void place(TenantConfig config, InventoryVars values) {
        Set<String> known = new TreeSet<>();
        config.services().forEach(s -> known.addAll(s.roles()));
        Set<String> hostNames = config.inventory().hostMap().keySet();
        boolean usesRoleGroups = config.inventory().hostMap().values().stream().anyMatch(h -> !RealLayouts.fromGroups(h).isEmpty());
        for (Host host : config.inventory().hostMap().values()) {
            Function<String, String> value = name -> values.value(host, name);
            Set<String> roles;
            try {
                roles = roles(config, host, known, hostNames, usesRoleGroups, value);
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
                continue;
            }
            if (roles == null) {
                continue;
            }
            List<ServiceDefinition> runs = new ArrayList<>();
            for (ServiceDefinition service : config.services()) {
                boolean matches = roles.isEmpty() || service.roles().isEmpty() || service.roles().stream().anyMatch(roles::contains);
                if (matches && !managed(service, value, host)) {
                    runs.add(service);
                    hostsOf.computeIfAbsent(service.name(), c -> new ArrayList<>()).add(host);
                }
            }
            componentsOf.put(host.name(), runs);
        }
    }

    /** True when a managed service replaces the component on the host; a switch that cannot be filled in is a problem. */
    private boolean managed(ServiceDefinition service, Function<String, String> value, Host host) {
        try {
            return service.managedBy(value).isPresent();
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems().stream().map(p -> new Problem(p.location(),
                    NeededBy.note(p.message(), service.name(), host.name()))).toList());
            return true;
        }
    }

    /** The host's roles (empty: everything runs there), or null when they cannot be told, with the problem noted. */
    private Set<String> roles(TenantConfig config, Host host, Set<String> known, Set<String> hostNames, boolean usesRoleGroups,
                              Function<String, String> value) {
        String file = config.inventory().file();
        if (!host.roles().isEmpty()) {
            List<String> unknown = host.roles().stream().filter(r -> !known.contains(r)).toList();
            if (!unknown.isEmpty()) {
                problems.add(new Problem(host.origin("roles"),
                        "host " + host.name() + ": role(s) " + unknown + " match no component; the components' roles are " + known));
                return null;
            }
            return new LinkedHashSet<>(host.roles());
        }
        if (known.isEmpty()) {
            return Set.of();
        }
        Set<String> fromGroups = new LinkedHashSet<>(host.groups());
        fromGroups.retainAll(known);
        Set<String> real = RealLayouts.fromGroups(host);
        if (!real.isEmpty()) {
            // A real role or pod group says what the host runs, even when no component of the set has its roles.
            real.addAll(fromGroups);
            return real;
        }
        if (!fromGroups.isEmpty()) {
            return fromGroups;
        }
        Set<String> marked = RealLayouts.fromMarkers(host, value);
        if (!marked.isEmpty()) {
            return marked;
        }
        Set<String> named = RealLayouts.fromName(host);
        if (!named.isEmpty()) {
            return named;
        }
        List<String> seed = SeedLayouts.defaultRoles(host.name(), hostNames);
        if (!seed.isEmpty()) {
            List<String> unknown = seed.stream().filter(r -> !known.contains(r)).toList();
            if (!unknown.isEmpty()) {
                problems.add(new Problem(Location.of(file), "host " + host.name() + ": the default roles of this host name " + seed
                        + " include " + unknown + ", which no component has; set roles: [...] on the host (the components' roles are "
                        + known + ")"));
                return null;
            }
            return new LinkedHashSet<>(seed);
        }
        if (hostNames.size() == 1) {
            return Set.of();
        }
        if (usesRoleGroups) {
            // As in the deploy tool: where role groups say what runs, a host in none of them is left alone.
            return LEFT_ALONE;
        }
        problems.add(new Problem(Location.of(file), "host " + host.name() + " has no roles: set roles: [...] in its vars,"
                + " list it in a role group (omnileads_aio, omnileads_data, omnileads_voice, omnileads_app; 3.x: data_statefull,"
                + " edge, acd, ...) or a group named after a role (the components' roles are " + known
                + "), or mark it (omlapp, omlvoice, omldata: true); only a single-host inventory runs every component without roles"));
        return null;
    }
}
