package io.mooring.inventory;

import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    private final Problems problems;
    private final YamlNodes nodes;
    /** Per host, the variable layers that apply to it, outermost first. */
    private final Map<String, List<Layer>> layers = new LinkedHashMap<>();
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
        groups.forEach((name, node) -> group(name, node, List.of(), name.equals("all") ? 0 : 1));
        if (layers.isEmpty() && problems.isEmpty()) {
            problems.add(root, "the inventory names no host; add one under all.hosts");
        }
        problems.throwIfAny();
        TreeMap<String, Host> hosts = new TreeMap<>();
        layers.forEach((name, hostLayers) -> hosts.put(name, host(name, allVars, hostLayers)));
        return new Inventory(problems.file(), hosts);
    }

    /** Collects a group's hosts with the layers of the groups around it; {@code depth} orders group vars. */
    private void group(String name, Node node, List<Layer> outer, int depth) {
        Map<String, Node> keys = nodes.mapping(node, "group '" + name + "'", GROUP_KEYS);
        List<Layer> around = new ArrayList<>(outer);
        if (keys.containsKey("vars") && depth == 0) {
            allVars = vars(keys.get("vars"));
        } else if (keys.containsKey("vars")) {
            around.add(vars(keys.get("vars")));
        }
        nodes.mapping(keys.get("hosts"), name + ".hosts", null).forEach((host, vars) -> {
            List<Layer> hostLayers = layers.computeIfAbsent(host, h -> new ArrayList<>());
            hostLayers.addAll(around);
            hostLayers.add(vars(vars).asHostOwn());
        });
        nodes.mapping(keys.get("children"), name + ".children", null)
                .forEach((child, childNode) -> group(child, childNode, around, depth + 1));
    }

    private Layer vars(Node node) {
        Map<String, String> scalars = new HashMap<>();
        List<String> roles = null;
        for (Map.Entry<String, Node> entry : nodes.mapping(node, "vars", null).entrySet()) {
            Node value = entry.getValue();
            if (entry.getKey().equals(ROLES)) {
                roles = nodes.scalarList(value, "roles").stream().map(ScalarNode::getValue).toList();
            } else if (value instanceof ScalarNode scalar) {
                scalars.put(entry.getKey(), YamlNodes.isNull(value) ? "" : scalar.getValue());
            }
            // Lists and dicts are Ansible's business: they are kept out of ${...} interpolation.
        }
        return new Layer(scalars, roles, false);
    }

    private static Host host(String name, Layer allVars, List<Layer> hostLayers) {
        Map<String, String> vars = new HashMap<>(allVars.scalars());
        List<String> roles = allVars.roles();
        for (Layer layer : hostLayers.stream().filter(l -> !l.own()).toList()) {
            vars.putAll(layer.scalars());
            roles = layer.roles() != null ? layer.roles() : roles;
        }
        for (Layer layer : hostLayers.stream().filter(Layer::own).toList()) {
            vars.putAll(layer.scalars());
            roles = layer.roles() != null ? layer.roles() : roles;
        }
        vars.put("inventory_hostname", name);
        return new Host(name, vars, roles == null ? List.of() : roles);
    }

    /** One group's or host's vars; {@code roles} is null when that layer does not set them. */
    private record Layer(Map<String, String> scalars, List<String> roles, boolean own) {
        static final Layer EMPTY = new Layer(Map.of(), null, false);

        Layer asHostOwn() {
            return new Layer(scalars, roles, true);
        }
    }
}
