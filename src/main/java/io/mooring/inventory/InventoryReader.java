package io.mooring.inventory;

import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads an Ansible inventory as the deploy tool's users write it: {@code all.hosts.<host>.<vars>},
 * {@code all.vars}, nested {@code children}, and groups at the root beside {@code all} (the role groups,
 * listing hosts with null values). Variables follow Ansible's precedence ({@link GroupTree}); null and empty
 * values are values. A key written twice is a warning and the last one wins, as in Ansible. The host var
 * {@code roles} (a list) says what a host runs; the renderer reads the rest of what the layout implies.
 */
public final class InventoryReader {
    static final String ROLES = "roles";
    private static final Set<String> GROUP_KEYS = Set.of("hosts", "vars", "children");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final Problems problems;
    private final YamlNodes nodes;
    private final VarChecks checks;
    private final GroupTree tree = new GroupTree();

    private InventoryReader(String file) {
        this.problems = new Problems(file);
        this.nodes = new YamlNodes(problems);
        this.checks = new VarChecks(problems);
    }

    /**
     * Compiles the inventory's and the components' schemas on a thread of their own, for a command that reads tenant
     * files next: the compiling (a fifth of a {@code validate}) then overlaps the command's start instead of following
     * it. A reader that gets there first waits for it; a failure is the reader's to report, as it would be without.
     */
    public static void prepareSchemas() {
        Thread thread = new Thread(SchemaCheck::compileAll, "mooring-schemas");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> { });
        thread.start();
    }

    public static Inventory read(String file, byte[] bytes) {
        InventoryReader reader = new InventoryReader(file);
        List<Problem> warnings = new ArrayList<>();
        Node root = SafeYaml.parse(file, bytes, warnings);
        if (root == null) {
            throw new InvalidConfigException(Location.of(file), "inventory is empty; it needs all.hosts with at least one host");
        }
        multiTenant(file, root);
        return reader.read(root, warnings);
    }

    /** A multi-tenant file of the deploy tool is not a tenant's inventory: it is refused at its first such group. */
    private static void multiTenant(String file, Node root) {
        List<NodeTuple> candidates = new ArrayList<>(tuples(root));
        for (NodeTuple top : tuples(root)) {
            if (top.getKeyNode() instanceof ScalarNode key && key.getValue().equals(GroupTree.ALL)) {
                for (NodeTuple part : tuples(top.getValueNode())) {
                    if (part.getKeyNode() instanceof ScalarNode k && k.getValue().equals("children")) {
                        candidates.addAll(tuples(part.getValueNode()));
                    }
                }
            }
        }
        candidates.sort(java.util.Comparator.comparingInt(t -> t.getKeyNode().getStartMark().getIndex()));
        for (NodeTuple group : candidates) {
            if (group.getKeyNode() instanceof ScalarNode key && TenantImport.INSTANCE_GROUPS.contains(key.getValue())
                    && holdsTenantId(group.getValueNode(), new int[] {10_000})) {
                throw new InvalidConfigException(new Location(file, key.getStartMark().getLine() + 1, key.getStartMark().getColumn() + 1),
                        "this is a multi-tenant inventory of the deploy tool (" + key.getValue() + " with tenant_id); run "
                        + "'mooring import FILE --into REPO' to turn it into one folder per tenant");
            }
        }
    }

    private static List<NodeTuple> tuples(Node node) {
        return node instanceof MappingNode map ? map.getValue() : List.of();
    }

    /** Whether a key tenant_id is written in the subtree; at most {@code budget[0]} nodes are looked at (aliases). */
    private static boolean holdsTenantId(Node node, int[] budget) {
        if (--budget[0] < 0) {
            return false;
        }
        for (NodeTuple tuple : tuples(node)) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("tenant_id")
                    || holdsTenantId(tuple.getValueNode(), budget)) {
                return true;
            }
        }
        return false;
    }

    private Inventory read(Node root, List<Problem> warnings) {
        Map<String, Node> groups = nodes.mapping(root, "the inventory", null);
        if (!groups.containsKey(GroupTree.ALL) && problems.isEmpty()) {
            problems.add(root, "the inventory must start with 'all:' (all.hosts, all.vars, all.children)");
        }
        // Groups at the root beside all are children of all, as Ansible reads them.
        groups.forEach((name, node) -> group(name, node, name.equals(GroupTree.ALL) ? null : GroupTree.ALL, !name.equals(GroupTree.ALL)));
        if (tree.hostNames().isEmpty() && problems.isEmpty()) {
            problems.add(root, "the inventory names no host; add one under all.hosts");
        }
        List<String> cycles = tree.orderGroups();
        if (!cycles.isEmpty()) {
            problems.add(root, "groups " + cycles + " are their own ancestors through children:; a group cannot contain itself");
        }
        SchemaCheck.INVENTORY.check(root, problems);
        problems.throwIfAny();
        TreeMap<String, Host> hosts = new TreeMap<>();
        int[] budget = {0};
        List<String> defined = tree.hostNames().stream().filter(h -> !isListedOnly(h)).sorted().toList();
        for (String name : tree.hostNames()) {
            dangling(name, defined);
            List<String> hostGroups = tree.groupsOf(name, budget);
            if (hostGroups == null) {
                problems.add(root, "the groups give hosts more than " + GroupTree.MAX_MEMBERSHIPS + " memberships; refused");
                break;
            }
            hosts.put(name, host(name, tree.layersOf(name, hostGroups), hostGroups));
        }
        problems.throwIfAny();
        return new Inventory(problems.file(), hosts, warnings);
    }

    /**
     * Collects a group's vars, hosts and children; the recursion is bounded by the composer's nesting limit.
     * {@code atRoot}: the group is written at the root, beside all (the deploy tool's role and pod groups).
     */
    private void group(String name, Node node, String parent, boolean atRoot) {
        Map<String, Node> keys = nodes.mapping(node, "group '" + name + "'", GROUP_KEYS);
        GroupTree.Group group = tree.group(name, parent);
        if (keys.containsKey("vars")) {
            group.vars.add(vars(keys.get("vars")));
        }
        Map<String, Node> hostKeys = YamlNodes.keyNodes(keys.get("hosts"));
        nodes.mapping(keys.get("hosts"), name + ".hosts", null).forEach((host, vars) -> {
            if (!HOST_NAME.matcher(host).matches()) {
                problems.add(vars, "host name '" + ComponentsReader.shorten(host)
                        + "' must be letters, digits, '.', '_' or '-' (at most 253), as the agent's node name is");
                return;
            }
            tree.host(host, name, hostKeys.getOrDefault(host, vars), vars, vars(vars), atRoot);
        });
        nodes.mapping(keys.get("children"), name + ".children", null)
                .forEach((child, childNode) -> group(child, childNode, name, false));
    }

    /**
     * A host written only as a null entry of role or pod groups at the root, beside all (groups without vars),
     * while the file defines its hosts elsewhere, is defined nowhere: Ansible would create it without an
     * address, and the deploy tool's role groups only ever list hosts defined under all. It is a typo, or a
     * host renamed elsewhere. A host written anywhere under all (all.hosts, all.children, where its name is its
     * address, as Ansible reads it), or in a group that gives it vars, is defined; so are all hosts of a file
     * that defines none elsewhere.
     */
    private void dangling(String host, List<String> defined) {
        if (defined.isEmpty() || !isListedOnly(host)) {
            return;
        }
        GroupTree.Occurrence first = tree.occurrences(host).get(0);
        problems.add(first.key(), "host " + host + " is listed in role group " + first.group() + " (at the root, beside all:)"
                + " but defined nowhere under all: (no vars, no address); define it under all.hosts or all.children, or fix the"
                + " name here (hosts defined: " + ComponentsReader.shorten(String.join(", ", defined)) + ")");
    }

    private boolean isListedOnly(String host) {
        return tree.occurrences(host).stream().allMatch(o -> o.atRoot() && YamlNodes.isNull(o.node()) && !tree.hasVars(o.group()));
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
                checks.check(entry.getKey(), text, value);
                scalars.put(entry.getKey(), text);
                origins.put(entry.getKey(), problems.at(value));
            }
            // Lists and dicts are Ansible's business: they are kept out of ${...} interpolation.
        }
        return new Layer(scalars, origins, roles);
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

    private Host host(String name, List<Layer> layers, List<String> groups) {
        Map<String, String> vars = new HashMap<>();
        Map<String, Location> origins = new HashMap<>();
        List<String> roles = null;
        for (Layer layer : layers) {
            vars.putAll(layer.scalars());
            origins.putAll(layer.origins());
            roles = layer.roles() != null ? layer.roles() : roles;
        }
        vars.put("inventory_hostname", name);
        origins.remove("inventory_hostname");
        checks.checkHost(name, vars, origins);
        return new Host(name, vars, roles == null ? List.of() : roles, groups, origins);
    }
}
