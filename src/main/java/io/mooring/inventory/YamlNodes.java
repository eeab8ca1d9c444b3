package io.mooring.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed reads from a YAML node tree; a wrong type is reported at the node and read as absent. */
final class YamlNodes {
    private final Problems problems;

    YamlNodes(Problems problems) {
        this.problems = problems;
    }

    /** The entries of a mapping by key, in file order; keys outside {@code allowed} (when given) are reported. */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return entries;
        }
        if (!(node instanceof MappingNode map)) {
            problems.add(node, what + " must be a mapping of key: value");
            return entries;
        }
        for (NodeTuple tuple : map.getValue()) {
            Optional<String> key = key(tuple.getKeyNode(), what);
            if (key.isEmpty()) {
                continue;
            }
            if (allowed != null && !allowed.contains(key.get()) && !key.get().startsWith("x-")) {
                problems.add(tuple.getKeyNode(), "unknown key '" + key.get() + "' in " + what + "; allowed: " + String.join(", ", sorted(allowed)));
                continue;
            }
            entries.put(key.get(), tuple.getValueNode());
        }
        return entries;
    }

    /** The key nodes of a mapping by key, where the keys are written; empty when it is not a mapping. */
    static Map<String, Node> keyNodes(Node node) {
        Map<String, Node> keys = new LinkedHashMap<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar) {
                    keys.putIfAbsent(scalar.getValue(), scalar);
                }
            }
        }
        return keys;
    }

    private Optional<String> key(Node keyNode, String what) {
        if (keyNode instanceof ScalarNode scalar && !isNull(keyNode)) {
            return Optional.of(scalar.getValue());
        }
        problems.add(keyNode, "keys in " + what + " must be plain strings");
        return Optional.empty();
    }

    /** A scalar's text as written (numbers and booleans included), or empty when it is not a scalar. */
    Optional<String> scalar(Node node, String what) {
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            return Optional.of(scalar.getValue());
        }
        problems.add(node, what + " must be a single value, not " + kind(node));
        return Optional.empty();
    }

    /** A list of scalars; a lone scalar is not accepted, so that a typo cannot turn a list into a string. */
    List<ScalarNode> scalarList(Node node, String what) {
        List<ScalarNode> items = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            problems.add(node, what + " must be a list, not " + kind(node));
            return items;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode scalar && !isNull(item)) {
                items.add(scalar);
            } else {
                problems.add(item, "each item of " + what + " must be a single value, not " + kind(item));
            }
        }
        return items;
    }

    /** The items of a list, whatever their kind. */
    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode seq)) {
            problems.add(node, what + " must be a list, not " + kind(node));
            return List.of();
        }
        return seq.getValue();
    }

    static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    static String kind(Node node) {
        if (isNull(node)) {
            return "empty";
        }
        return switch (node.getNodeId()) {
            case mapping -> "a mapping";
            case sequence -> "a list";
            default -> "a single value";
        };
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
