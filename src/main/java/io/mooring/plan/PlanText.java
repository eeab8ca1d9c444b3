package io.mooring.plan;

import io.mooring.model.CanonicalJson;
import io.mooring.model.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The plan as people and programs read it: text for a terminal, JSON for scripts, Markdown for a pull request. */
public final class PlanText {
    private PlanText() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("tenant ").append(plan.tenant()).append(" on node ").append(plan.node())
                .append(" at ").append(plan.revision().shortId());
        if (!plan.revision().subject().isEmpty()) {
            out.append(" (").append(plan.revision().subject()).append(')');
        }
        out.append('\n');
        for (Action action : plan.actions()) {
            out.append(String.format("  %-8s %s: %s%n", action.verb(), action.component(), action.reason()));
        }
        if (plan.actions().isEmpty()) {
            out.append("  nothing runs here for this tenant\n");
        }
        return out.toString();
    }

    /** One JSON object per plan: {@code tenant, node, revision, subject, changes, actions[]}; keys sorted. */
    public static String json(Plan plan) {
        return CanonicalJson.write(object(plan));
    }

    private static TreeMap<String, Object> object(Plan plan) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("tenant", plan.tenant());
        out.put("node", plan.node());
        out.put("revision", plan.revision().commit());
        out.put("subject", plan.revision().subject());
        out.put("changes", plan.changes().size());
        List<Object> actions = new ArrayList<>();
        for (Action action : plan.actions()) {
            TreeMap<String, Object> a = new TreeMap<>();
            a.put("component", action.component());
            a.put("action", action.verb().word());
            a.put("reason", action.reason().code().words());
            a.put("detail", action.reason().detail());
            a.put("image", action.target().map(d -> d.image().reference()).orElse(null));
            a.put("container", container(action));
            actions.add(a);
        }
        out.put("actions", actions);
        return out;
    }

    /** A change between two revisions, as text: a summary line, the notes, then each plan. */
    public static String review(Revision base, Revision change, List<Plan> plans, List<String> notes) {
        StringBuilder out = new StringBuilder("change ").append(base.shortId()).append(" → ").append(change.shortId());
        if (!change.subject().isEmpty()) {
            out.append(" (").append(change.subject()).append(')');
        }
        out.append(": ").append(summary(plans)).append('\n');
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        plans.forEach(p -> out.append(render(p)));
        return out.toString();
    }

    /** The same as one JSON object: {@code base, change, subject, changes, notes[], plans[]}. */
    public static String reviewJson(Revision base, Revision change, List<Plan> plans, List<String> notes) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("base", base.commit());
        out.put("change", change.commit());
        out.put("subject", change.subject());
        out.put("changes", plans.stream().mapToLong(p -> p.changes().size()).sum());
        out.put("notes", notes);
        out.put("plans", plans.stream().map(PlanText::object).toList());
        return CanonicalJson.write(out);
    }

    /**
     * The same for a pull request comment: a heading, the summary, and per tenant and node a table of what
     * changes; components that keep running as they are only counted.
     */
    public static String reviewMarkdown(Revision base, Revision change, List<Plan> plans, List<String> notes) {
        StringBuilder out = new StringBuilder("## Mooring plan: `").append(base.shortId()).append("` → `").append(change.shortId())
                .append("`\n\n").append(summary(plans)).append(".\n");
        notes.forEach(n -> out.append("\n> **Note:** ").append(cell(n)).append('\n'));
        for (Plan plan : plans) {
            out.append("\n### ").append(plan.tenant()).append(" on `").append(plan.node()).append("`\n\n");
            List<Action> changes = plan.changes();
            long kept = plan.actions().size() - changes.size();
            if (changes.isEmpty()) {
                out.append(plan.actions().isEmpty() ? "Nothing runs here for this tenant.\n" : "No changes (" + kept + " unchanged).\n");
                continue;
            }
            out.append("| component | action | reason |\n|---|---|---|\n");
            for (Action action : changes) {
                out.append("| ").append(cell(action.component())).append(" | **").append(action.verb()).append("** | ")
                        .append(cell(action.reason().toString())).append(" |\n");
            }
            if (kept > 0) {
                out.append("\n").append(kept).append(" unchanged.\n");
            }
        }
        return out.toString();
    }

    private static String summary(List<Plan> plans) {
        long changes = plans.stream().mapToLong(p -> p.changes().size()).sum();
        long tenants = plans.stream().map(Plan::tenant).distinct().count();
        if (plans.isEmpty()) {
            return "no tenant is touched by this change";
        }
        return changes + (changes == 1 ? " change" : " changes") + " on " + plans.size() + (plans.size() == 1 ? " node" : " nodes")
                + " of " + tenants + (tenants == 1 ? " tenant" : " tenants");
    }

    /** A section for a pull request comment: a heading per tenant and node, a table of what changes. */
    public static String markdown(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(plan.tenant()).append(" on `").append(plan.node()).append("` at `")
                .append(plan.revision().shortId()).append("`\n\n");
        if (plan.actions().isEmpty()) {
            return out.append("Nothing runs here for this tenant.\n").toString();
        }
        long changes = plan.changes().size();
        out.append(changes == 0 ? "No changes.\n\n" : changes + (changes == 1 ? " change.\n\n" : " changes.\n\n"));
        out.append("| component | action | reason |\n|---|---|---|\n");
        for (Action action : plan.actions()) {
            out.append("| ").append(cell(action.component())).append(" | ").append(action instanceof Action.Keep ? action.verb().word() : "**" + action.verb() + "**")
                    .append(" | ").append(cell(action.reason().toString())).append(" |\n");
        }
        return out.toString();
    }

    private static String container(Action action) {
        if (action instanceof Action.Replace r) {
            return r.current().name();
        }
        if (action instanceof Action.Remove r) {
            return r.current().name();
        }
        if (action instanceof Action.Keep k) {
            return k.current().name();
        }
        return action.target().map(d -> d.containerName()).orElse(null);
    }

    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }
}
