package io.mooring.web;

import io.mooring.model.ClusterStatus;
import io.mooring.model.NodeReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status page, {@code GET /}: every node of the cluster (up, down, not attached) and every tenant on each, with how
 * its last pass ended, its revision, its components' health, its last backup and its certificate's expiry.
 */
public final class ClusterPage {
    /** A certificate expiring sooner than this is shown as a warning. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private ClusterPage() {
    }

    /**
     * The page of {@code status} as agent {@code node} sees it at {@code now}; {@code ownView}: why the page shows this
     * node's own view instead of the cluster's, empty when it shows the cluster's; {@code signedIn}: a sign-out button.
     */
    public static String render(ClusterStatus status, String node, Optional<String> ownView, Instant now, boolean signedIn) {
        StringBuilder body = new StringBuilder();
        body.append("<header><h1>Mooring status</h1><span class=\"muted\">agent ").append(Html.escape(node)).append(" · ")
                .append(Html.escape(now.truncatedTo(ChronoUnit.SECONDS).toString())).append(signedIn ? " · " + signOut() : "")
                .append("</span></header>\n");
        ownView.ifPresent(why -> body.append("<p class=\"note\" id=\"own-view\">").append(Html.escape(why)).append("</p>\n"));
        body.append(summary(status)).append(nodes(status, now));
        for (ClusterStatus.Node n : status.nodes()) {
            body.append(tenants(n, now));
        }
        return Layout.page("Mooring status", 15, body.toString());
    }

    static String signOut() {
        return "<form class=\"inline\" method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>";
    }

    private static String summary(ClusterStatus status) {
        long tenants = status.nodes().stream().mapToLong(n -> n.tenants().size()).sum();
        long fine = status.nodes().stream().flatMap(n -> n.tenants().stream()).filter(NodeReport.Tenant::converged).count();
        long up = status.nodes().stream().filter(n -> ClusterStatus.UP.equals(n.state())).count();
        return "<p id=\"summary\">" + status.nodes().size() + " node(s), " + up + " up; " + tenants + " tenant(s) on them, " + fine
                + " converged and well, " + (tenants - fine) + " to look at.</p>\n";
    }

    private static String nodes(ClusterStatus status, Instant now) {
        StringBuilder out = new StringBuilder("<h2>Nodes</h2><table id=\"nodes\">")
                .append(Layout.head("Node", "State", "Leader", "Last seen", "Version", "Roles", "Note")).append("<tbody>");
        for (ClusterStatus.Node n : status.nodes()) {
            String tone = ClusterStatus.UP.equals(n.state()) ? "ok" : ClusterStatus.DOWN.equals(n.state()) ? "bad" : "none";
            out.append("<tr>").append(Layout.cell("Node", "<a href=\"#node-" + Html.escape(Html.segment(n.node())) + "\">"
                            + Html.escape(n.node()) + "</a>"))
                    .append(Layout.cell("State", Layout.badge(n.state(), tone)))
                    .append(Layout.cell("Leader", n.leader() ? "yes" : ""))
                    .append(Layout.cell("Last seen", Html.escape(Words.age(n.lastSeen(), now))))
                    .append(Layout.cell("Version", Html.escape(n.version() == null ? "-" : n.version())))
                    .append(Layout.cell("Roles", Html.escape(n.roles().isEmpty() ? "-" : String.join(", ", n.roles()))))
                    .append(Layout.cell("Note", Html.escape(n.note() == null ? "" : n.note()))).append("</tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }

    private static String tenants(ClusterStatus.Node n, Instant now) {
        StringBuilder out = new StringBuilder("<h2 id=\"node-" + Html.escape(Html.segment(n.node())) + "\">Tenants on "
                + Html.escape(n.node()) + "</h2>\n");
        if (n.tenants().isEmpty()) {
            return out.append("<p class=\"muted\">none reported</p>\n").toString();
        }
        out.append("<table class=\"tenants\">").append(Layout.head("Tenant", "State", "Revision", "Last pass", "Components",
                "Last backup", "Certificate")).append("<tbody>");
        for (NodeReport.Tenant t : n.tenants()) {
            out.append("<tr data-tenant=\"").append(Html.escape(t.tenant())).append("\">")
                    .append(Layout.cell("Tenant", "<a href=\"/tenants/" + Html.escape(Html.segment(t.tenant())) + "\">"
                            + Html.escape(t.tenant()) + "</a>"))
                    .append(Layout.cell("State", Layout.badge(Words.state(t.status()), Words.tone(t.status()))))
                    .append(Layout.cell("Revision", "<code>" + Html.escape(Words.shortId(t.revision())) + "</code>"
                            + (t.revisionSince() == null ? "" : " <span class=\"muted\">since " + Html.escape(Words.age(t.revisionSince(), now))
                            + "</span>")))
                    .append(Layout.cell("Last pass", Html.escape(Words.age(t.lastPass(), now))))
                    .append(Layout.cell("Components", components(t)))
                    .append(Layout.cell("Last backup", backup(t, now)))
                    .append(Layout.cell("Certificate", certificate(t, now))).append("</tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }

    private static String components(NodeReport.Tenant t) {
        if (t.components().isEmpty()) {
            return "<span class=\"muted\">-</span>";
        }
        return t.components().stream().map(c -> {
            boolean running = "running".equals(c.state());
            String health = running ? c.health() : c.state();
            String tone = !running || "unhealthy".equals(health) ? "bad" : "starting".equals(health) ? "warn" : "ok";
            return Html.escape(c.component()) + " " + Layout.badge("none".equals(health) ? "running" : health, tone);
        }).collect(Collectors.joining("<br>"));
    }

    private static String backup(NodeReport.Tenant t, Instant now) {
        if (t.lastBackup() == null) {
            return "<span class=\"muted\">-</span>";
        }
        String when = Html.escape(Words.age(t.lastBackup(), now));
        return t.backupError() == null ? Layout.badge("made", "ok") + " " + when
                : Layout.badge("failed", "bad") + " " + when + "<br><span class=\"muted\">" + Html.escape(t.backupError()) + "</span>";
    }

    private static String certificate(NodeReport.Tenant t, Instant now) {
        if (t.certificateExpires() == null) {
            return "<span class=\"muted\">-</span>";
        }
        String left = Words.until(t.certificateExpires(), now);
        String text = t.certificateExpires().isBefore(now) ? left : "expires " + left;
        boolean soon = t.certificateExpires().isBefore(now.plus(EXPIRY_WARNING));
        return soon ? Layout.badge(text, t.certificateExpires().isBefore(now) ? "bad" : "warn") : Html.escape(text);
    }
}
