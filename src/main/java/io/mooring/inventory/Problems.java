package io.mooring.inventory;

import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Gathers every problem of a file so that one run reports them all, each at its line and column. */
final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();
    /** Nodes read from another file (extends: file:), by the file that holds them. */
    private final java.util.Map<Node, String> foreign = new java.util.IdentityHashMap<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Location at(Node node) {
        return new Location(foreign.getOrDefault(node, file), node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /**
     * Every node under {@code root} is another file's: its problems are reported there. The walk is bounded like
     * the file (NodeComposer's budget), and each node is visited once, aliases included.
     */
    <N extends Node> N like(N made, Node original) {
        if (foreign.containsKey(original)) {
            foreign.put(made, foreign.get(original));
        }
        return made;
    }

    void adopt(Node root, String other) {
        java.util.Deque<Node> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (foreign.put(node, other) != null) {
                continue;
            }
            if (node instanceof org.yaml.snakeyaml.nodes.MappingNode map) {
                map.getValue().forEach(t -> {
                    todo.push(t.getKeyNode());
                    todo.push(t.getValueNode());
                });
            } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
                seq.getValue().forEach(todo::push);
            }
        }
    }

    void add(Node node, String message) {
        found.add(new Problem(at(node), message));
    }

    void add(Location location, String message) {
        found.add(new Problem(location, message));
    }

    void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    /** The lines that already have a problem. */
    java.util.Set<Integer> lines() {
        java.util.Set<Integer> lines = new java.util.HashSet<>();
        found.forEach(p -> lines.add(p.location().line()));
        return lines;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidConfigException(found);
        }
    }
}
