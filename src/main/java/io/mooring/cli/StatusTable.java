package io.mooring.cli;

import io.mooring.model.ClusterStatus;
import io.mooring.model.NodeReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** {@code mooring status} for a terminal: a table of nodes, then one of every node's tenants and components. */
final class StatusTable {
    private StatusTable() {
    }

    static String text(ClusterStatus status, Instant now) {
        List<List<String>> nodes = new ArrayList<>(List.of(List.of("NODE", "STATE", "LEADER", "LAST SEEN", "VERSION", "ROLES")));
        List<List<String>> tenants = new ArrayList<>(List.of(List.of("NODE", "TENANT", "REVISION", "STATUS", "LAST PASS", "COMPONENT",
                "IMAGE", "DIGEST", "STATE", "HEALTH")));
        for (ClusterStatus.Node node : status.nodes()) {
            nodes.add(List.of(node.node(), node.state(), node.leader() ? "yes" : "", seen(node.lastSeen(), now), dash(node.version()),
                    node.roles().isEmpty() ? "-" : String.join(",", node.roles())));
            for (NodeReport.Tenant tenant : node.tenants()) {
                List<String> head = List.of(node.node(), tenant.tenant(), shortId(tenant.revision()), dash(tenant.status()),
                        seen(tenant.lastPass(), now));
                if (tenant.components().isEmpty()) {
                    tenants.add(concat(head, List.of("-", "-", "-", "-", "-")));
                }
                for (NodeReport.Component c : tenant.components()) {
                    tenants.add(concat(head, List.of(c.component(), c.image(), shortDigest(c.digest()), state(c), c.health())));
                }
            }
        }
        List<String> notes = status.nodes().stream().filter(n -> n.note() != null)
                .map(n -> printable("NOTE " + n.node() + ": " + n.note())).toList();
        return table(nodes) + (notes.isEmpty() ? "" : "\n" + String.join("\n", notes) + "\n")
                + (tenants.size() > 1 ? "\n" + table(tenants) : "");
    }

    /** What the one line on stderr says is degraded. */
    static String degraded(ClusterStatus status) {
        List<String> why = new ArrayList<>();
        if (status.nodes().isEmpty()) {
            return "no node has reported to this database: check the agents' database settings, and that an agent runs";
        }
        for (ClusterStatus.Node node : status.nodes()) {
            if (node.note() != null) {
                why.add("node " + node.node() + ": " + node.note());
            }
            if (!ClusterStatus.UP.equals(node.state())) {
                why.add("node " + node.node() + " " + node.state());
                continue;
            }
            node.tenants().stream().filter(t -> !t.converged())
                    .forEach(t -> why.add("tenant " + t.tenant() + " on " + node.node() + " " + (t.status().isEmpty() ? "not passed yet"
                            : t.status().equals("CONVERGED") ? notFine(t) : t.status())));
        }
        return printable(String.join("; ", why));
    }

    /** A container's state; a Swarm service's with its tasks running of desired and the nodes they run on. */
    static String state(NodeReport.Component c) {
        if (c.replicas() == null) {
            return c.state();
        }
        List<String> nodes = c.nodes() == null ? List.of() : c.nodes();
        return c.state() + " " + c.replicas() + (nodes.isEmpty() ? "" : " on " + String.join(", ", nodes));
    }

    /** Which components of a converged tenant are not running or not healthy, and how they are. */
    private static String notFine(NodeReport.Tenant tenant) {
        return tenant.components().stream().filter(c -> !"running".equals(c.state()) || "unhealthy".equals(c.health())
                        || "starting".equals(c.health()))
                .map(c -> "component " + c.component() + " " + ("running".equals(c.state()) ? c.health() : c.state()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * {@code text} with every control or format character (C0, DEL, C1 such as U+009B, bidirectional overrides) shown as
     * '?': names come from the shared database, where anything may have been written.
     */
    static String printable(String text) {
        return text.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
    }

    /** Columns aligned; a control character in a cell (a terminal escape written into the shared database) is shown as '?'. */
    static String table(List<List<String>> raw) {
        List<List<String>> rows = raw.stream().map(row -> row.stream().map(StatusTable::printable).toList()).toList();
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String seen(Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        long ago = Math.max(0, Duration.between(at, now).toSeconds());
        return at.truncatedTo(ChronoUnit.SECONDS) + " (" + ago + "s ago)";
    }

    private static String dash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    private static String shortId(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : dash(revision);
    }

    private static String shortDigest(String digest) {
        return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : dash(digest);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
