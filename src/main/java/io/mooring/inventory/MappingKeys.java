package io.mooring.inventory;

import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one complete mapping: its merge key filled in, then no key twice. Merging follows YAML 1.1 and
 * Compose: the keys written in the mapping win over merged ones, and of {@code <<: [*a, *b]} the earlier
 * mapping wins. Merged entries are the anchor's own nodes, so a problem in one is reported where it is written.
 */
final class MappingKeys {
    private MappingKeys() {
    }

    /** The entries with the merge key replaced by what it merges, in its place; unchanged without one. */
    static List<NodeTuple> merge(AliasBudget budget, List<NodeTuple> tuples) {
        NodeTuple merge = null;
        Set<String> taken = new HashSet<>();
        for (NodeTuple tuple : tuples) {
            if (isMerge(tuple.getKeyNode()) && merge != null) {
                throw budget.refused(tuple.getKeyNode().getStartMark(),
                        "a second merge key << in one mapping; merge several anchors with one: <<: [*a, *b]");
            } else if (isMerge(tuple.getKeyNode())) {
                merge = tuple;
            } else if (tuple.getKeyNode() instanceof ScalarNode key) {
                taken.add(key.getValue());
            }
        }
        if (merge == null) {
            return tuples;
        }
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : tuples) {
            if (tuple == merge) {
                sources(budget, merge).forEach(source -> addAbsent(source, taken, merged));
            } else {
                merged.add(tuple);
            }
        }
        return merged;
    }

    /** A key written twice is refused; a merged key overridden by a written one is not a duplicate. */
    static void refuseDuplicates(AliasBudget budget, List<NodeTuple> tuples) {
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple tuple : tuples) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                Node first = seen.putIfAbsent(key.getValue(), key);
                if (first != null) {
                    throw budget.refused(key.getStartMark(), "duplicate key " + ComponentsReader.shorten(key.getValue())
                            + " (first at line " + (first.getStartMark().getLine() + 1) + ")");
                }
            }
        }
    }

    /**
     * Ansible's reading of a key written twice: a warning naming both lines, and the last value wins. The
     * earlier entry is dropped, so that nothing downstream ever sees the key twice.
     */
    static List<NodeTuple> keepLast(List<NodeTuple> tuples, String file, List<Problem> warnings) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode key) {
                last.put(key.getValue(), i);
            }
        }
        if (last.size() == tuples.size()) {
            return tuples;
        }
        List<NodeTuple> kept = new ArrayList<>();
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple tuple = tuples.get(i);
            if (tuple.getKeyNode() instanceof ScalarNode key && last.get(key.getValue()) != i) {
                Node winner = tuples.get(last.get(key.getValue())).getKeyNode();
                warnings.add(new Problem(new Location(file, line(key), key.getStartMark().getColumn() + 1),
                        "warning: duplicate key " + ComponentsReader.shorten(key.getValue()) + " at lines " + line(key) + " and "
                                + line(winner) + "; the one at line " + line(winner) + " wins, as in Ansible (remove the other)"));
            } else {
                kept.add(tuple);
            }
        }
        return kept;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static boolean isMerge(Node key) {
        return key instanceof ScalarNode && key.getTag().equals(Tag.MERGE);
    }

    /** The mappings a merge key names: one mapping, or a list of them. */
    private static List<MappingNode> sources(AliasBudget budget, NodeTuple merge) {
        Node value = merge.getValueNode();
        if (value instanceof MappingNode mapping) {
            return List.of(mapping);
        }
        List<MappingNode> mappings = new ArrayList<>();
        if (value instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode mapping)) {
                    throw notMappings(budget, merge, "a list holding " + YamlNodes.kind(item));
                }
                mappings.add(mapping);
            }
            return mappings;
        }
        throw notMappings(budget, merge, YamlNodes.kind(value));
    }

    private static RuntimeException notMappings(AliasBudget budget, NodeTuple merge, String found) {
        return budget.refused(merge.getKeyNode().getStartMark(),
                "merge key << takes a mapping (<<: *anchor) or a list of mappings (<<: [*a, *b]), not "
                        + (found.equals("empty") ? "nothing" : found));
    }

    private static void addAbsent(MappingNode source, Set<String> taken, List<NodeTuple> into) {
        for (NodeTuple tuple : source.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || taken.add(key.getValue())) {
                into.add(tuple);
            }
        }
    }
}
