package io.mooring.plan;

/** The plan as a person reads it in a terminal: one line per component. */
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
}
