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

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Location at(Node node) {
        return new Location(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
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
