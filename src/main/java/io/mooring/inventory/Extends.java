package io.mooring.inventory;

import io.mooring.model.InvalidConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A service's {@code extends}: the service it names, of this file or of another file of the tenant's folder, under
 * its own keys. As Compose merges: a key written in the service wins; mappings (environment, labels, ...) are merged
 * key by key; the lists of {@link #APPENDED} are joined. At most {@link #MAX_DEPTH} steps, no cycle, at most
 * {@link #MAX_FILES} other files, each read with the same limits as components.yml.
 */
final class Extends {
    static final int MAX_DEPTH = 8;
    static final int MAX_FILES = 8;
    private static final Set<String> KEYS = Set.of("service", "file");
    private static final Set<String> APPENDED = Set.of("ports", "expose", "dns", "dns_search", "tmpfs", "cap_add", "cap_drop",
            "security_opt", "volumes", "devices", "extra_hosts", "env_file");

    private final Problems problems;
    private final YamlNodes nodes;
    private final TenantFiles files;
    private final Map<String, Map<String, Node>> servicesByFile = new HashMap<>();

    Extends(Problems problems, YamlNodes nodes, TenantFiles files, Map<String, Node> ownServices) {
        this.problems = problems;
        this.nodes = nodes;
        this.files = files;
        servicesByFile.put(problems.file(), ownServices);
    }

    /**
     * The service with what it extends merged in; the service itself when it extends nothing, or when that fails (reported).
     * A base is shared, not copied, by the services extending it, so what they hold once filled in is counted, summed over
     * all the tenant's files, against its {@link TenantBudget}: past it, null (reported once, at the service crossing it).
     */
    Node resolve(String name, Node node) {
        if (files.budget().spent()) {
            return null;
        }
        try {
            Node resolved = resolve(problems.file(), name, node, new ArrayList<>());
            if (!count(resolved)) {
                throw new OverBudget();
            }
            return resolved;
        } catch (OverBudget e) {
            problems.add(node, "services." + name + ": " + TenantBudget.refusal());
            return null;
        }
    }

    /** Thrown when merging passes the tenant's budget, before the merged lists are built. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    private void spend(long values) {
        if (!files.budget().spend(values, 0)) {
            throw new OverBudget();
        }
    }

    /** Walks what a resolved service holds, spending a value for each node and the characters of each scalar; false once spent. */
    private boolean count(Node root) {
        TenantBudget budget = files.budget();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (!budget.spend(1, node instanceof ScalarNode scalar ? scalar.getValue().length() : 0)) {
                return false;
            }
            if (node instanceof MappingNode map) {
                map.getValue().forEach(t -> {
                    todo.push(t.getKeyNode());
                    todo.push(t.getValueNode());
                });
            } else if (node instanceof SequenceNode seq) {
                seq.getValue().forEach(todo::push);
            }
        }
        return true;
    }

    private Node resolve(String file, String name, Node node, List<String> chain) {
        if (!(node instanceof MappingNode map)) {
            return node;
        }
        Optional<NodeTuple> ext = map.getValue().stream().filter(t -> isKey(t, "extends")).findFirst();
        if (ext.isEmpty()) {
            return node;
        }
        chain.add(file + "#" + name);
        if (chain.size() > MAX_DEPTH) {
            problems.add(ext.get().getKeyNode(), "services." + name + ".extends: more than " + MAX_DEPTH + " steps of extends");
            return node;
        }
        Node value = ext.get().getValueNode();
        String baseFile = file;
        String baseName;
        if (value instanceof MappingNode) {
            Map<String, Node> keys = nodes.mapping(value, "services." + name + ".extends", KEYS);
            baseName = keys.containsKey("service") ? nodes.scalar(keys.get("service"), "services." + name + ".extends.service").orElse("") : "";
            if (keys.containsKey("file")) {
                Optional<String> written = nodes.scalar(keys.get("file"), "services." + name + ".extends.file");
                baseFile = written.isEmpty() ? null : other(file, written.get(), keys.get("file"), name);
            }
        } else {
            baseName = nodes.scalar(value, "services." + name + ".extends").orElse("");
        }
        if (baseFile == null || baseName.isEmpty()) {
            return node;
        }
        Node base = servicesByFile.getOrDefault(baseFile, Map.of()).get(baseName);
        if (base == null) {
            problems.add(value, "services." + name + ".extends: no service " + ComponentsReader.shorten(baseName) + " in " + baseFile);
            return node;
        }
        if (chain.contains(baseFile + "#" + baseName)) {
            problems.add(value, "services." + name + ".extends: a cycle through " + baseName + "; no service can extend itself");
            return node;
        }
        return merge(resolve(baseFile, baseName, base, chain), map);
    }

    /** The repository path of another file's services, read and kept; null when it cannot be (reported). */
    private String other(String from, String written, Node at, String name) {
        String path;
        try {
            path = files.resolve(from, written);
        } catch (TenantFiles.Refused e) {
            problems.add(at, "services." + name + ".extends.file: " + e.getMessage());
            return null;
        }
        if (servicesByFile.containsKey(path)) {
            return path;
        }
        if (servicesByFile.size() > MAX_FILES) {
            problems.add(at, "services." + name + ".extends.file: more than " + MAX_FILES + " files extended");
            return null;
        }
        try {
            Optional<byte[]> bytes = files.read(path);
            if (bytes.isEmpty()) {
                problems.add(at, "services." + name + ".extends.file: no file " + path + " in the repository");
                return null;
            }
            Node root = SafeYaml.parse(path, bytes.get());
            if (root == null) {
                problems.add(at, "services." + name + ".extends.file: " + path + " is empty");
                return null;
            }
            problems.adopt(root, path);
            Map<String, Node> services = new LinkedHashMap<>();
            if (root instanceof MappingNode top) {
                top.getValue().stream().filter(t -> isKey(t, "services")).findFirst().ifPresent(t ->
                        services.putAll(nodes.mapping(t.getValueNode(), "services", null)));
            }
            servicesByFile.put(path, services);
            return path;
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
            return null;
        } catch (TenantFiles.Refused e) {
            problems.add(at, "services." + name + ".extends.file: " + e.getMessage());
            return null;
        }
    }

    private MappingNode merge(Node base, MappingNode own) {
        Map<String, NodeTuple> ownKeys = new LinkedHashMap<>();
        own.getValue().forEach(t -> ownKeys.put(key(t), t));
        List<NodeTuple> merged = new ArrayList<>();
        if (base instanceof MappingNode baseMap) {
            spend(baseMap.getValue().size());
            for (NodeTuple tuple : baseMap.getValue()) {
                String key = key(tuple);
                NodeTuple mine = ownKeys.get(key);
                if (key.equals("extends")) {
                    continue;
                }
                merged.add(mine == null ? tuple : new NodeTuple(mine.getKeyNode(), combine(key, tuple.getValueNode(), mine.getValueNode())));
            }
        }
        Set<String> done = new java.util.HashSet<>();
        merged.forEach(t -> done.add(key(t)));
        own.getValue().stream().filter(t -> !done.contains(key(t)) && !key(t).equals("extends")).forEach(merged::add);
        return problems.like(new MappingNode(Tag.MAP, true, merged, own.getStartMark(), own.getEndMark(),
                DumperOptions.FlowStyle.BLOCK), own);
    }

    private Node combine(String key, Node base, Node own) {
        if (base instanceof MappingNode b && own instanceof MappingNode o) {
            return merge(b, o);
        }
        if (APPENDED.contains(key) && base instanceof SequenceNode b && own instanceof SequenceNode o) {
            spend(b.getValue().size() + (long) o.getValue().size());
            List<Node> items = new ArrayList<>(b.getValue());
            items.addAll(o.getValue());
            return problems.like(new SequenceNode(Tag.SEQ, true, items, own.getStartMark(), own.getEndMark(),
                    DumperOptions.FlowStyle.BLOCK), own);
        }
        return own;
    }

    private static boolean isKey(NodeTuple tuple, String key) {
        return key(tuple).equals(key);
    }

    private static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
    }
}
