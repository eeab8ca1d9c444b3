package io.mooring.plan;

import io.mooring.model.CanonicalJson;
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
            a.put("action", action.verb());
            a.put("reason", action.reason().code().words());
            a.put("detail", action.reason().detail());
            a.put("image", action.target().map(d -> d.image().reference()).orElse(null));
            a.put("container", container(action));
            actions.add(a);
        }
        out.put("actions", actions);
        return CanonicalJson.write(out);
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
            out.append("| ").append(cell(action.component())).append(" | ").append(action instanceof Action.Keep ? "keep" : "**" + action.verb() + "**")
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

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }
}
