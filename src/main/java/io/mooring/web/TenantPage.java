package io.mooring.web;

import io.mooring.model.ActionRecord;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's page, {@code GET /tenants/{tenant}}: its recent passes, newest first, each with its message and every
 * action (verb, component, reason, outcome), and a Retry button while this node holds its revision.
 */
public final class TenantPage {
    private TenantPage() {
    }

    /**
     * What the page says of a tenant: {@code passes} newest first (every node's), {@code here} its last pass on this agent's
     * {@code node}; {@code csrf}: the form token of a signed-in person who may retry, empty for an anonymous reader;
     * {@code flash}: what the last action on the page did.
     */
    public record View(String tenant, String node, List<PassRecord> passes, Optional<PassRecord> here, Optional<String> csrf,
                       Optional<String> flash, boolean signedIn) {
    }

    public static String render(View view, Instant now) {
        StringBuilder body = new StringBuilder();
        body.append("<header><h1>").append(Html.escape(view.tenant())).append("</h1><span class=\"muted\"><a href=\"/\">all tenants</a> · agent ")
                .append(Html.escape(view.node())).append(" · ").append(Html.escape(now.truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(view.signedIn() ? " · " + ClusterPage.signOut() : "").append("</span></header>\n");
        view.flash().ifPresent(f -> body.append("<p class=\"note\" id=\"flash\">").append(Html.escape(f)).append("</p>\n"));
        view.here().filter(TenantPage::held).ifPresent(last -> body.append(retry(view, last)));
        body.append("<h2>Recent passes</h2>\n");
        if (view.passes().isEmpty()) {
            body.append("<p class=\"muted\">no pass of this tenant is recorded</p>\n");
        }
        for (PassRecord pass : view.passes()) {
            body.append(pass(pass, now));
        }
        return Layout.page("Mooring: " + view.tenant(), view.flash().isPresent() ? 0 : 15, body.toString());
    }

    /** A revision the agent does not try again by itself: the last pass failed it here, or found it held. */
    static boolean held(PassRecord last) {
        return last.status() == PassStatus.HELD || last.status() == PassStatus.FAILED;
    }

    private static String retry(View view, PassRecord last) {
        String what = "<p class=\"note error\" id=\"held\">Revision <code>" + Html.escape(Words.shortId(last.revision()))
                + "</code> is held on node " + Html.escape(view.node()) + ": it failed here, and the agent does not try it again until a new"
                + " commit or a retry.</p>\n";
        if (view.csrf().isEmpty()) {
            return what + "<p><a href=\"/login\">Sign in</a> to retry it.</p>\n";
        }
        return what + "<form method=\"post\" action=\"/tenants/" + Html.escape(Html.segment(view.tenant())) + "/retry\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(view.csrf().get()) + "\">"
                + "<button class=\"primary\" type=\"submit\" id=\"retry\">Retry</button></form>\n";
    }

    private static String pass(PassRecord pass, Instant now) {
        StringBuilder out = new StringBuilder("<section class=\"pass\" data-status=\"" + Html.escape(pass.status().name()) + "\"><h2>")
                .append(Layout.badge(Words.state(pass.status().name()), Words.tone(pass.status().name()))).append(" <code>")
                .append(Html.escape(Words.shortId(pass.revision()))).append("</code> on ").append(Html.escape(pass.node()))
                .append(" <span class=\"muted\">").append(Html.escape(when(pass, now))).append("</span></h2>\n");
        if (!pass.message().isEmpty()) {
            out.append("<pre class=\"message\">").append(Html.escape(pass.message())).append("</pre>\n");
        }
        if (pass.actions().isEmpty()) {
            return out.append("<p class=\"muted\">no action</p></section>\n").toString();
        }
        out.append("<table class=\"actions\">").append(Layout.head("Verb", "Component", "Reason", "Outcome", "Message")).append("<tbody>");
        for (ActionRecord action : pass.actions()) {
            String outcome = action.outcome() == null ? "-" : action.outcome().name().toLowerCase(java.util.Locale.ROOT);
            out.append("<tr>").append(Layout.cell("Verb", Html.escape(action.verb() == null ? "-" : action.verb().word())))
                    .append(Layout.cell("Component", Html.escape(action.component())))
                    .append(Layout.cell("Reason", Html.escape(action.reason())))
                    .append(Layout.cell("Outcome", Layout.badge(outcome, tone(outcome))))
                    .append(Layout.cell("Message", "<pre>" + Html.escape(action.message()) + "</pre>")).append("</tr>\n");
        }
        return out.append("</tbody></table></section>\n").toString();
    }

    private static String when(PassRecord pass, Instant now) {
        String at = pass.started() == null ? "" : pass.started().truncatedTo(ChronoUnit.SECONDS) + ", " + Words.age(pass.started(), now);
        String took = pass.started() == null || pass.finished() == null ? at
                : at + ", took " + Words.span(Duration.between(pass.started(), pass.finished()));
        return pass.repeats() > 1 ? took + "; " + pass.repeats() + " such passes in a row, the last " + Words.age(pass.lastFinished(), now)
                : took;
    }

    private static String tone(String outcome) {
        return switch (outcome) {
            case "done" -> "ok";
            case "failed" -> "bad";
            case "deferred", "reported" -> "warn";
            default -> "none";
        };
    }
}
