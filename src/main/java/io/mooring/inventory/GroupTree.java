package io.mooring.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The groups and hosts of an inventory as Ansible sees them: a group may be written in several places (its
 * vars merged, its parents joined), groups at the root beside {@code all} are children of {@code all}, and a
 * host is a member of its groups and of all their ancestors. Variables apply in Ansible's order: all.vars,
 * then the other groups by depth and, at equal depth, by name (the later wins), then the host's own vars
 * from every place it is written, in file order.
 */
final class GroupTree {
    static final String ALL = "all";
    /** Far above real inventories (a few dozen groups, hundreds of hosts), far below what would slow a pass. */
    static final int MAX_MEMBERSHIPS = 200_000;

    /** One group: its vars layers in file order and the groups it is a child of. */
    static final class Group {
        final List<Layer> vars = new ArrayList<>();
        final Set<String> parents = new LinkedHashSet<>();
        int depth;
    }

    /** Where a host is written: its group, its name's node and its value's node there; atRoot: in a group beside all. */
    record Occurrence(String group, Node key, Node node, boolean atRoot) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, List<Layer>> hostLayers = new LinkedHashMap<>();
    private final Map<String, List<Occurrence>> occurrences = new LinkedHashMap<>();
    private final Map<String, Set<String>> directGroups = new LinkedHashMap<>();

    Group group(String name, String parent) {
        Group group = groups.computeIfAbsent(name, n -> new Group());
        if (parent != null && !parent.equals(name)) {
            group.parents.add(parent);
        }
        return group;
    }

    void host(String name, String group, Node key, Node node, Layer own, boolean atRoot) {
        hostLayers.computeIfAbsent(name, h -> new ArrayList<>()).add(own);
        occurrences.computeIfAbsent(name, h -> new ArrayList<>()).add(new Occurrence(group, key, node, atRoot));
        directGroups.computeIfAbsent(name, h -> new LinkedHashSet<>()).add(group);
    }

    Set<String> hostNames() {
        return hostLayers.keySet();
    }

    List<Occurrence> occurrences(String host) {
        return occurrences.get(host);
    }

    /** True when the group has vars of its own, written in any of its places. */
    boolean hasVars(String group) {
        return groups.get(group).vars.stream().anyMatch(layer -> !layer.scalars().isEmpty() || layer.roles() != null);
    }

    /**
     * Sets each group's depth (the longest way down from all) in one pass over the groups in topological
     * order; returns the groups that are their own ancestors, which Ansible refuses too.
     */
    List<String> orderGroups() {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        groups.forEach((name, group) -> {
            group.parents.removeIf(p -> !groups.containsKey(p));
            waiting.put(name, group.parents.size());
            group.parents.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(name));
        });
        Deque<String> ready = new ArrayDeque<>();
        waiting.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        while (!ready.isEmpty()) {
            String name = ready.poll();
            int depth = groups.get(name).depth;
            for (String child : children.getOrDefault(name, List.of())) {
                Group group = groups.get(child);
                group.depth = Math.max(group.depth, depth + 1);
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return waiting.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * The host's groups, ancestors included and {@code all} left out, in the order their vars apply; null when
     * the inventory's groups give more memberships than {@link #MAX_MEMBERSHIPS} (counted in {@code budget}).
     */
    List<String> groupsOf(String host, int[] budget) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(directGroups.get(host));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (name.equals(ALL) || !seen.add(name)) {
                continue;
            }
            if (++budget[0] > MAX_MEMBERSHIPS) {
                return null;
            }
            todo.addAll(groups.get(name).parents);
        }
        List<String> ordered = new ArrayList<>(seen);
        ordered.sort(Comparator.comparingInt((String g) -> groups.get(g).depth).thenComparing(Comparator.naturalOrder()));
        return ordered;
    }

    /** The layers that make the host's variables, lowest precedence first. */
    List<Layer> layersOf(String host, List<String> hostGroups) {
        List<Layer> layers = new ArrayList<>();
        Group all = groups.get(ALL);
        if (all != null) {
            layers.addAll(all.vars);
        }
        hostGroups.forEach(g -> layers.addAll(groups.get(g).vars));
        layers.addAll(hostLayers.get(host));
        return layers;
    }
}
