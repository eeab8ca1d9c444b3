package io.mooring.inventory;

import io.mooring.inventory.AnsibleTree.Group;
import io.mooring.inventory.AnsibleTree.Var;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.Redactions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A deploy-tool inventory turned into Mooring tenant inventories, checked whole before anything is written:
 * a multi-tenant file ({@code aio_instances}, {@code cluster_instances}, {@code ha_instances}, each host with a
 * {@code tenant_id}) becomes one inventory per tenant, with {@code all.vars} and the group vars that apply to it
 * flattened under Ansible's precedence; a single-tenant file is one tenant, copied as written (YAML) or written as
 * YAML (INI). Variables whose names say secret are listed, never their values.
 */
public final class TenantImport {
    public static final Set<String> INSTANCE_GROUPS = Set.of("aio_instances", "cluster_instances", "ha_instances");

    /** A plaintext secret: its variable's name and where it is written. */
    public record Secret(String name, Location where) {
    }

    /** One tenant's inventory.yml and the secrets written in it. */
    public record Tenant(String name, String inventory, List<Secret> secrets) {
    }

    private TenantImport() {
    }

    /** The file's tenants; {@code tenant} names the one tenant of a single-tenant file and is required then. */
    public static List<Tenant> read(String file, byte[] bytes, Optional<String> tenant) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean ini = IniInventory.looksLikeIni(text);
        Group top = ini ? IniInventory.read(file, text) : AnsibleTree.fromYaml(file, bytes);
        List<Group> instances = new ArrayList<>();
        collect(top, instances);
        if (!instances.isEmpty()) {
            return split(file, top, instances);
        }
        String name = tenant.orElseThrow(() -> new InvalidConfigException(Location.of(file),
                "a single-tenant inventory (no aio_instances, cluster_instances or ha_instances): name its tenant with --tenant NAME"));
        if (!TenantLoader.isTenantName(name)) {
            throw new InvalidConfigException(Location.of(file),
                    "--tenant '" + name + "' must be lower-case letters, digits, '_', '.' or '-' (at most 63)");
        }
        List<Secret> secrets = new ArrayList<>();
        secrets(file, top, secrets);
        String inventory = ini ? AnsibleTree.dump(children(top)) : text;
        return List.of(new Tenant(name, inventory, secrets));
    }

    /** The line of the file's first multi-tenant group holding a tenant_id, if it is a multi-tenant inventory. */
    public static Optional<Integer> multiTenantLine(String file, byte[] bytes) {
        Group top = AnsibleTree.fromYaml(file, bytes);
        List<Group> instances = new ArrayList<>();
        collect(top, instances);
        return instances.stream().filter(TenantImport::holdsTenantId).map(g -> g.line).findFirst();
    }

    private static boolean holdsTenantId(Group group) {
        return group.vars.containsKey("tenant_id") || group.hosts.values().stream().anyMatch(v -> v.containsKey("tenant_id"))
                || group.children.values().stream().anyMatch(TenantImport::holdsTenantId);
    }

    private static void collect(Group group, List<Group> instances) {
        for (Group child : group.children.values()) {
            if (INSTANCE_GROUPS.contains(child.name)) {
                instances.add(child);
            } else {
                collect(child, instances);
            }
        }
    }

    private static final class Build {
        final Map<String, Var> vars;
        final Map<String, Map<String, Var>> hosts = new LinkedHashMap<>();

        Build(Map<String, Var> vars) {
            this.vars = vars;
        }
    }

    private static List<Tenant> split(String file, Group top, List<Group> instances) {
        Group all = top.children.get("all");
        Map<String, Var> base = all == null ? Map.of() : all.vars;
        Map<String, Build> tenants = new LinkedHashMap<>();
        for (Group instance : instances) {
            hosts(file, instance, new LinkedHashMap<>(base), tenants);
        }
        Map<String, Set<String>> memberships = new LinkedHashMap<>();
        members(top, instances, memberships);
        List<Tenant> result = new ArrayList<>();
        tenants.forEach((name, build) -> {
            Map<String, Object> hosts = new LinkedHashMap<>();
            build.hosts.forEach((host, vars) -> hosts.put(host, vars.isEmpty() ? null : values(vars)));
            Map<String, Object> allGroup = new LinkedHashMap<>();
            allGroup.put("hosts", hosts);
            allGroup.put("vars", values(build.vars));
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("all", allGroup);
            memberships.forEach((group, members) -> {
                Map<String, Object> mine = new LinkedHashMap<>();
                members.stream().filter(build.hosts::containsKey).forEach(h -> mine.put(h, null));
                if (!mine.isEmpty()) {
                    tree.put(group, Map.of("hosts", mine));
                }
            });
            List<Secret> secrets = new ArrayList<>();
            secrets(file, build.vars, secrets);
            build.hosts.values().forEach(vars -> secrets(file, vars, secrets));
            result.add(new Tenant(name, AnsibleTree.dump(tree), secrets));
        });
        return result;
    }

    /** Every host under {@code group}, with the vars of the groups above it (outer first) in {@code inherited}. */
    private static void hosts(String file, Group group, Map<String, Var> inherited, Map<String, Build> tenants) {
        Map<String, Var> chain = new LinkedHashMap<>(inherited);
        chain.putAll(group.vars);
        group.hosts.forEach((host, own) -> {
            Map<String, Var> effective = new LinkedHashMap<>(chain);
            effective.putAll(own);
            Var id = effective.get("tenant_id");
            int hostLine = group.hostLines.getOrDefault(host, group.line);
            if (id == null || id.value() == null) {
                throw new InvalidConfigException(new Location(file, hostLine, 1),
                        "host '" + host + "' under '" + group.name + "' has no tenant_id");
            }
            String tenant = String.valueOf(id.value());
            if (!TenantLoader.isTenantName(tenant)) {
                throw new InvalidConfigException(new Location(file, id.line(), 1), "tenant_id '" + tenant
                        + "' of host '" + host + "' is not a Mooring tenant name: lower-case letters, digits, '_', '.' or '-' (at most 63)");
            }
            Build build = tenants.computeIfAbsent(tenant, t -> new Build(chain));
            Map<String, Var> vars = new LinkedHashMap<>();
            chain.forEach((name, var) -> {
                if (!build.vars.containsKey(name) || !Objects.equals(build.vars.get(name).value(), var.value())) {
                    vars.put(name, var);
                }
            });
            vars.putAll(own);
            build.hosts.put(host, vars);
        });
        for (Group child : group.children.values()) {
            hosts(file, child, chain, tenants);
        }
    }

    /** The hosts each group outside the multi-tenant groups lists (the role groups), by group name. */
    private static void members(Group group, List<Group> instances, Map<String, Set<String>> memberships) {
        for (Group child : group.children.values()) {
            if (instances.contains(child)) {
                continue;
            }
            if (!child.name.equals("all") && !child.hosts.isEmpty()) {
                memberships.computeIfAbsent(child.name, n -> new java.util.LinkedHashSet<>()).addAll(child.hosts.keySet());
            }
            members(child, instances, memberships);
        }
    }

    private static Map<String, Object> values(Map<String, Var> vars) {
        Map<String, Object> values = new LinkedHashMap<>();
        vars.forEach((name, var) -> values.put(name, var.value()));
        return values;
    }

    /** The group as Ansible's YAML writes it: hosts, vars, children, each only when there is one. */
    private static Map<String, Object> yaml(Group group) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!group.hosts.isEmpty()) {
            Map<String, Object> hosts = new LinkedHashMap<>();
            group.hosts.forEach((host, vars) -> hosts.put(host, vars.isEmpty() ? null : values(vars)));
            out.put("hosts", hosts);
        }
        if (!group.vars.isEmpty()) {
            out.put("vars", values(group.vars));
        }
        if (!group.children.isEmpty()) {
            out.put("children", children(group));
        }
        return out;
    }

    static Map<String, Object> children(Group group) {
        Map<String, Object> children = new LinkedHashMap<>();
        group.children.forEach((name, child) -> {
            Map<String, Object> body = yaml(child);
            children.put(name, body.isEmpty() ? null : body);
        });
        return children;
    }

    private static void secrets(String file, Group group, List<Secret> secrets) {
        secrets(file, group.vars, secrets);
        group.hosts.values().forEach(vars -> secrets(file, vars, secrets));
        group.children.values().forEach(child -> secrets(file, child, secrets));
    }

    private static void secrets(String file, Map<String, Var> vars, List<Secret> secrets) {
        vars.forEach((name, var) -> {
            Secret secret = new Secret(name, new Location(file, var.line(), 1));
            if (Redactions.isSecret(name) && var.value() != null && !secrets.contains(secret)) {
                secrets.add(secret);
            }
        });
    }
}
