package io.mooring.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cluster as {@code mooring status} and {@code GET /api/cluster} show it, from the nodes' last heartbeats: a node is
 * {@value #UP} while its last heartbeat is at most three of its intervals old, {@value #DOWN} after, and
 * {@value #NOT_ATTACHED} when an inventory names it but it never reported.
 */
public record ClusterStatus(List<Node> nodes) {
    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String NOT_ATTACHED = "not-attached";
    /** Heartbeats missed before a node is down. */
    public static final int MISSED = 3;

    public ClusterStatus {
        nodes = List.copyOf(nodes);
    }

    /**
     * A node's line of the view; {@code lastSeen}, {@code version} and {@code address} are null for a node never seen;
     * {@code note} says what is wrong with its heartbeat itself ({@link NodeReport#note}), null when nothing is.
     */
    public record Node(String node, String state, boolean leader, Instant lastSeen, String version, String address, Instant started,
                       List<String> roles, List<NodeReport.Tenant> tenants, String note) {
        public Node {
            roles = List.copyOf(roles);
            tenants = List.copyOf(tenants);
        }

        public Node(String node, String state, boolean leader, Instant lastSeen, String version, String address, Instant started,
                    List<String> roles, List<NodeReport.Tenant> tenants) {
            this(node, state, leader, lastSeen, version, address, started, roles, tenants, null);
        }

        /** Up, its heartbeat without a note, and every tenant's last pass converged with its components running and not unwell. */
        public boolean fine() {
            return UP.equals(state) && note == null && tenants.stream().allMatch(NodeReport.Tenant::converged);
        }
    }

    /**
     * The view at {@code now} (the database's clock, the one that stamped the heartbeats) of the nodes that reported and of
     * those their inventories name; {@code leader} is the holder of the singleton lease while it runs, sorted by node.
     */
    public static ClusterStatus of(List<NodeReport> reports, Optional<String> leader, Instant now) {
        TreeMap<String, Node> nodes = new TreeMap<>();
        TreeSet<String> named = new TreeSet<>();
        for (NodeReport report : reports) {
            named.addAll(report.inventoryNodes());
            nodes.put(report.node(), node(report, leader, now));
        }
        for (String node : named) {
            nodes.computeIfAbsent(node, n -> new Node(n, NOT_ATTACHED, false, null, null, null, null, List.of(), List.of()));
        }
        return new ClusterStatus(new ArrayList<>(nodes.values()));
    }

    private static Node node(NodeReport report, Optional<String> leader, Instant now) {
        Duration silence = Duration.between(report.lastSeen(), now);
        String state = silence.compareTo(report.interval().multipliedBy(MISSED)) <= 0 ? UP : DOWN;
        TreeSet<String> roles = new TreeSet<>();
        report.tenants().forEach(t -> roles.addAll(t.roles()));
        return new Node(report.node(), state, leader.map(holder -> holds(holder, report.node())).orElse(false), report.lastSeen(),
                report.version(), report.address(), report.started(), new ArrayList<>(roles), report.tenants(), report.note());
    }

    /** The lease's holder is the node's name, or the node's name and an instance after '@' or '/'. */
    public static boolean holds(String holder, String node) {
        return holder.equals(node) || holder.startsWith(node + "@") || holder.startsWith(node + "/");
    }

    /** This node's line alone (not-attached when it never reported). */
    public ClusterStatus only(String node) {
        return new ClusterStatus(List.of(nodes.stream().filter(n -> n.node().equals(node)).findFirst()
                .orElse(new Node(node, NOT_ATTACHED, false, null, null, null, null, List.of(), List.of()))));
    }

    public Optional<Node> node(String node) {
        return nodes.stream().filter(n -> n.node().equals(node)).findFirst();
    }

    /**
     * {@code mooring status}'s exit code: 0 when every node is up and converged, 3 when anything is degraded or no node has
     * reported at all (an empty view is not a fine cluster: it is a wrong database or agents that never started).
     */
    public int exitCode() {
        return !nodes.isEmpty() && nodes.stream().allMatch(Node::fine) ? 0 : 3;
    }
}
