package io.mooring.plan;

import io.mooring.model.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A tenant's Swarm plan as people and programs read it, as {@link PlanText} reads a host's: one line per service with its
 * reasons for a terminal, JSON for scripts, Markdown for a pull request.
 */
public final class SwarmPlanText {
    private SwarmPlanText() {
    }

    public static String render(SwarmPlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("tenant ").append(plan.tenant()).append(" on swarm (manager ").append(plan.manager())
                .append(") at ").append(plan.revision().shortId());
        if (!plan.revision().subject().isEmpty()) {
            out.append(" (").append(plan.revision().subject()).append(')');
        }
        out.append('\n');
        for (SwarmAction action : plan.actions()) {
            out.append(String.format("  %-8s %s: %s%n", action.verb(), action.component(), action.describe()));
        }
        if (plan.actions().isEmpty()) {
            out.append("  nothing runs on the swarm for this tenant\n");
        }
        return out.toString();
    }

    /**
     * One JSON object per plan: {@code tenant, manager, revision, subject, changes, actions[]}, each action with
     * {@code component, action, reason, detail, image, service, lastUpdate}; keys sorted.
     */
    public static String json(SwarmPlan plan) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("tenant", plan.tenant());
        out.put("manager", plan.manager());
        out.put("revision", plan.revision().commit());
        out.put("subject", plan.revision().subject());
        out.put("changes", plan.changes().size());
        List<Object> actions = new ArrayList<>();
        for (SwarmAction action : plan.actions()) {
            TreeMap<String, Object> a = new TreeMap<>();
            a.put("component", action.component());
            a.put("action", action.verb().word());
            a.put("reason", action.reason().code().words());
            a.put("detail", action.reason().detail());
            a.put("image", action.target().map(d -> d.image().reference()).orElse(null));
            a.put("service", action.observed().map(s -> s.name()).orElseGet(() -> action.target().map(d -> d.serviceName()).orElse(null)));
            a.put("lastUpdate", action.lastUpdateFailed().map(Reason::toString).orElse(null));
            actions.add(a);
        }
        out.put("actions", actions);
        return CanonicalJson.write(out);
    }

    /** A section for a pull request comment: a heading, the count of changes, a table of every service's action. */
    public static String markdown(SwarmPlan plan) {
        StringBuilder out = new StringBuilder(heading(plan)).append(" at `").append(plan.revision().shortId()).append("`\n\n");
        if (plan.actions().isEmpty()) {
            return out.append("Nothing runs on the swarm for this tenant.\n").toString();
        }
        long changes = plan.changes().size();
        out.append(changes == 0 ? "No changes.\n\n" : changes + (changes == 1 ? " change.\n\n" : " changes.\n\n"));
        out.append("| component | action | reason |\n|---|---|---|\n");
        plan.actions().forEach(a -> row(out, a));
        return out.toString();
    }

    /**
     * The same for a change's review: what changes, and the services whose last update failed even when kept; the rest
     * only counted.
     */
    public static String reviewSection(SwarmPlan plan) {
        StringBuilder out = new StringBuilder("\n").append(heading(plan)).append("\n\n");
        List<SwarmAction> shown = plan.actions().stream()
                .filter(a -> !(a instanceof SwarmAction.Keep) || a.lastUpdateFailed().isPresent()).toList();
        long kept = plan.actions().size() - shown.size();
        if (shown.isEmpty()) {
            return out.append(plan.actions().isEmpty() ? "Nothing runs on the swarm for this tenant.\n" : "No changes (" + kept + " unchanged).\n")
                    .toString();
        }
        out.append("| component | action | reason |\n|---|---|---|\n");
        shown.forEach(a -> row(out, a));
        if (kept > 0) {
            out.append("\n").append(kept).append(" unchanged.\n");
        }
        return out.toString();
    }

    private static String heading(SwarmPlan plan) {
        return "### " + plan.tenant() + " on swarm (manager `" + plan.manager() + "`)";
    }

    private static void row(StringBuilder out, SwarmAction action) {
        String verb = action instanceof SwarmAction.Keep ? action.verb().word() : "**" + action.verb() + "**";
        out.append("| ").append(PlanText.cell(action.component())).append(" | ").append(verb).append(" | ")
                .append(PlanText.cell(action.describe())).append(" |\n");
    }
}
