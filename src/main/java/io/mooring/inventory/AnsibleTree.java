package io.mooring.inventory;

import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * An Ansible inventory as the deploy tool's files write it, whichever their format: groups with hosts, vars and
 * children, every variable with the line it is written on. What {@code mooring import} reads and splits.
 */
public final class AnsibleTree {
    /** A variable's value (String, Long, Double, Boolean or null) and the line it is written on. */
    public record Var(Object value, int line) {
    }

    /** A group: its hosts (each with its own vars), its vars, its child groups, and the line it is named on. */
    public static final class Group {
        final String name;
        final int line;
        final Map<String, Map<String, Var>> hosts = new LinkedHashMap<>();
        final Map<String, Integer> hostLines = new LinkedHashMap<>();
        final Map<String, Var> vars = new LinkedHashMap<>();
        final Map<String, Group> children = new LinkedHashMap<>();

        Group(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    private AnsibleTree() {
    }

    /** The file's root: its top-level groups as children ({@code all} among them). */
    static Group fromYaml(String file, byte[] bytes) {
        Node root = SafeYaml.parse(file, bytes, new java.util.ArrayList<>());
        Group top = new Group("", 1);
        if (root == null || YamlNodes.isNull(root)) {
            return top;
        }
        if (!(root instanceof MappingNode map)) {
            throw new InvalidConfigException(at(file, root), "an inventory must be a mapping of groups");
        }
        for (NodeTuple tuple : map.getValue()) {
            top.children.put(key(file, tuple), group(file, key(file, tuple), tuple.getKeyNode(), tuple.getValueNode()));
        }
        return top;
    }

    private static Group group(String file, String name, Node keyNode, Node node) {
        Group group = new Group(name, line(keyNode));
        for (Map.Entry<String, Node> entry : entries(file, node, "group '" + name + "'").entrySet()) {
            Node value = entry.getValue();
            switch (entry.getKey()) {
                case "hosts" -> entries(file, value, "hosts of '" + name + "'").forEach((host, vars) -> {
                    group.hosts.put(host, vars(file, vars, "host '" + host + "'"));
                    group.hostLines.put(host, line(vars));
                });
                case "vars" -> group.vars.putAll(vars(file, value, "vars of '" + name + "'"));
                case "children" -> {
                    if (value instanceof MappingNode children) {
                        for (NodeTuple child : children.getValue()) {
                            String childName = key(file, child);
                            group.children.put(childName, group(file, childName, child.getKeyNode(), child.getValueNode()));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return group;
    }

    private static Map<String, Var> vars(String file, Node node, String what) {
        Map<String, Var> vars = new LinkedHashMap<>();
        entries(file, node, what).forEach((name, value) -> vars.put(name, new Var(value(value), line(value))));
        return vars;
    }

    private static Object value(Node node) {
        if (node instanceof ScalarNode scalar) {
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return List.of("true", "yes", "on", "y").contains(text.toLowerCase(java.util.Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                try {
                    return Long.parseLong(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            return text;
        }
        if (node instanceof SequenceNode list) {
            return list.getValue().stream().map(AnsibleTree::value).toList();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                map.put(String.valueOf(value(tuple.getKeyNode())), value(tuple.getValueNode()));
            }
        }
        return map;
    }

    private static Map<String, Node> entries(String file, Node node, String what) {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (node == null || YamlNodes.isNull(node)) {
            return entries;
        }
        if (!(node instanceof MappingNode map)) {
            throw new InvalidConfigException(at(file, node), what + " must be a mapping");
        }
        for (NodeTuple tuple : map.getValue()) {
            entries.put(key(file, tuple), tuple.getValueNode());
        }
        return entries;
    }

    private static String key(String file, NodeTuple tuple) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new InvalidConfigException(at(file, tuple.getKeyNode()), "keys must be plain strings");
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static Location at(String file, Node node) {
        return new Location(file, line(node), 1);
    }

    /** Block-style YAML of a tree of maps, lists and scalars, as a person would write it. */
    static String dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        return new Yaml(options).dump(tree);
    }
}
