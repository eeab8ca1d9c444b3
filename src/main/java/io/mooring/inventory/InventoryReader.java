package io.mooring.inventory;

import io.mooring.model.Host;
import io.mooring.model.ImageRef;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Location;
import io.mooring.model.PgNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads an Ansible-style inventory: {@code all.hosts.<host>.<vars>}, {@code all.vars} and nested
 * {@code children} groups. A host's variables are all.vars, then its groups' vars from outer to
 * inner, then its own; the later wins. The host var {@code roles} (a list) says what it runs.
 */
public final class InventoryReader {
    static final String ROLES = "roles";
    private static final Set<String> GROUP_KEYS = Set.of("hosts", "vars", "children");
    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final java.util.regex.Pattern ROLE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** Seed 001: infra_env says how the instance is reached; certs how its TLS certificate is obtained. */
    private static final Map<String, Set<String>> KNOWN_CHOICES = Map.of(
            "infra_env", Set.of("lan", "cloud"),
            "certs", Set.of("selfsigned", "custom", "certbot"),
            "mooring_self_heal", Set.of("off", "report", "heal"));

    private final Problems problems;
    private final YamlNodes nodes;
    /** Per host, the variable layers that apply to it, outermost first. */
    private final Map<String, List<Layer>> layers = new LinkedHashMap<>();
    /** Per host, the groups it belongs to, children making their hosts members of the parent too. */
    private final Map<String, Set<String>> groupsOf = new LinkedHashMap<>();
    private Layer allVars = Layer.EMPTY;

    private InventoryReader(String file) {
        this.problems = new Problems(file);
        this.nodes = new YamlNodes(problems);
    }

    public static Inventory read(String file, byte[] bytes) {
        InventoryReader reader = new InventoryReader(file);
        Node root = SafeYaml.parse(file, bytes);
        if (root == null) {
            throw new InvalidConfigException(Location.of(file), "inventory is empty; it needs all.hosts with at least one host");
        }
        return reader.read(root);
    }

    private Inventory read(Node root) {
        Map<String, Node> groups = nodes.mapping(root, "the inventory", null);
        if (!groups.containsKey("all") && problems.isEmpty()) {
            problems.add(root, "the inventory must start with 'all:' (all.hosts, all.vars, all.children)");
        }
        groups.forEach((name, node) -> group(name, node, List.of(), List.of(), name.equals("all") ? 0 : 1));
        if (layers.isEmpty() && problems.isEmpty()) {
            problems.add(root, "the inventory names no host; add one under all.hosts");
        }
        SchemaCheck.INVENTORY.check(root, problems);
        problems.throwIfAny();
        TreeMap<String, Host> hosts = new TreeMap<>();
        layers.forEach((name, hostLayers) -> hosts.put(name, host(name, allVars, hostLayers, groupsOf.get(name))));
        return new Inventory(problems.file(), hosts);
    }

    /**
     * Collects a group's hosts with the layers of the groups around it; {@code depth} orders group vars. The
     * recursion over children is bounded: the composer refuses recursive aliases and files nested deeper than
     * AliasBudget.MAX_DEPTH, and counts every group an alias repeats against its budget.
     */
    private void group(String name, Node node, List<Layer> outer, List<String> outerGroups, int depth) {
        Map<String, Node> keys = nodes.mapping(node, "group '" + name + "'", GROUP_KEYS);
        List<Layer> around = new ArrayList<>(outer);
        List<String> memberOf = new ArrayList<>(outerGroups);
        if (depth > 0) {
            memberOf.add(name);
        }
        if (keys.containsKey("vars") && depth == 0) {
            allVars = vars(keys.get("vars"));
        } else if (keys.containsKey("vars")) {
            around.add(vars(keys.get("vars")));
        }
        nodes.mapping(keys.get("hosts"), name + ".hosts", null).forEach((host, vars) -> {
            if (!HOST_NAME.matcher(host).matches()) {
                problems.add(vars, "host name '" + ComponentsReader.shorten(host)
                        + "' must be letters, digits, '.', '_' or '-' (at most 253), as the agent's node name is");
                return;
            }
            groupsOf.computeIfAbsent(host, h -> new LinkedHashSet<>()).addAll(memberOf);
            List<Layer> hostLayers = layers.computeIfAbsent(host, h -> new ArrayList<>());
            hostLayers.addAll(around);
            hostLayers.add(vars(vars).asHostOwn());
        });
        nodes.mapping(keys.get("children"), name + ".children", null)
                .forEach((child, childNode) -> group(child, childNode, around, memberOf, depth + 1));
    }

    private Layer vars(Node node) {
        Map<String, String> scalars = new HashMap<>();
        Map<String, Location> origins = new HashMap<>();
        List<String> roles = null;
        for (Map.Entry<String, Node> entry : nodes.mapping(node, "vars", null).entrySet()) {
            Node value = entry.getValue();
            if (entry.getKey().equals(ROLES)) {
                roles = roles(value);
                origins.put(ROLES, problems.at(value));
            } else if (value instanceof ScalarNode scalar) {
                String text = YamlNodes.isNull(value) ? "" : scalar.getValue();
                checkKnown(entry.getKey(), text, value);
                scalars.put(entry.getKey(), text);
                origins.put(entry.getKey(), problems.at(value));
            }
            // Lists and dicts are Ansible's business: they are kept out of ${...} interpolation.
        }
        return new Layer(scalars, origins, roles, false);
    }

    private List<String> roles(Node value) {
        List<String> roles = new ArrayList<>();
        for (ScalarNode role : nodes.scalarList(value, "roles")) {
            if (!ROLE.matcher(role.getValue()).matches()) {
                problems.add(role, "role '" + ComponentsReader.shorten(role.getValue()) + "' must be lower-case letters, digits, '_' or '-'");
            } else {
                roles.add(role.getValue());
            }
        }
        return roles;
    }

    /** Where a backup connects to: the tools would take a connection string for a database name and go elsewhere. */
    private static boolean postgresOk(String name, String value) {
        return switch (name) {
            case "postgres_host" -> PgNames.isHost(value);
            case "postgres_database", "postgres_user" -> PgNames.isPlainName(value);
            default -> true;
        };
    }

    /** The variables whose meaning Mooring knows are checked where they are written. */
    private void checkKnown(String name, String value, Node node) {
        // A <component>_version is an image tag or a digest, never anything a shell or a path could make use of.
        if (name.endsWith("_version") && !value.isEmpty() && !ImageRef.isTagOrDigest(value)) {
            problems.add(node, name + " '" + ComponentsReader.shorten(value) + "' is not an image tag: 1-128 letters, digits,"
                    + " '_', '.' or '-' not starting with '.' or '-', or sha256: and 64 hex digits");
            return;
        }
        if (!value.isEmpty() && !postgresOk(name, value)) {
            problems.add(node, name + " '" + ComponentsReader.shorten(value) + "' must be a plain " + (name.equals("postgres_host")
                    ? "host name or IP address" : name.equals("postgres_user") ? "user name" : "database name")
                    + (name.equals("postgres_host") ? "" : ": letters, digits, '_', '-' or '.', at most 63, not starting with '-'")
                    + "; a connection string is not accepted");
            return;
        }
        if (name.equals(MaintenanceWindows.VARIABLE)) {
            try {
                MaintenanceWindows.parse(value);
            } catch (IllegalArgumentException e) {
                problems.add(node, name + ": " + e.getMessage());
            }
            return;
        }
        Set<String> allowed = KNOWN_CHOICES.get(name);
        if (allowed != null && !value.isEmpty() && !allowed.contains(value)) {
            problems.add(node, name + " must be " + String.join(" or ", allowed.stream().sorted().toList())
                    + ", not '" + ComponentsReader.shorten(value) + "'");
        }
    }

    private static Host host(String name, Layer allVars, List<Layer> hostLayers, Set<String> groups) {
        Map<String, String> vars = new HashMap<>(allVars.scalars());
        Map<String, Location> origins = new HashMap<>(allVars.origins());
        List<String> roles = allVars.roles();
        List<Layer> ordered = new ArrayList<>(hostLayers.stream().filter(l -> !l.own()).toList());
        ordered.addAll(hostLayers.stream().filter(Layer::own).toList());
        for (Layer layer : ordered) {
            vars.putAll(layer.scalars());
            origins.putAll(layer.origins());
            roles = layer.roles() != null ? layer.roles() : roles;
        }
        vars.put("inventory_hostname", name);
        origins.remove("inventory_hostname");
        return new Host(name, vars, roles == null ? List.of() : roles, List.copyOf(groups), origins);
    }

    /** One group's or host's vars; {@code roles} is null when that layer does not set them. */
    private record Layer(Map<String, String> scalars, Map<String, Location> origins, List<String> roles, boolean own) {
        static final Layer EMPTY = new Layer(Map.of(), Map.of(), null, false);

        Layer asHostOwn() {
            return new Layer(scalars, origins, roles, true);
        }
    }
}
