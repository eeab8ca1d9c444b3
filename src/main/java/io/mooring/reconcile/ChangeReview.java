package io.mooring.reconcile;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Problem;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import io.mooring.plan.Plan;
import io.mooring.plan.RevisionDiff;
import io.mooring.render.Renderer;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A change between two revisions, as a reviewer needs it: for every tenant the change touches (or the one
 * asked for) and every node of that tenant, what each component would do and why. No engine is asked;
 * the base revision stands for what runs. The changed revision must be valid as a whole: its problems,
 * each at its file and line, are the answer instead of a plan.
 */
public final class ChangeReview {
    private ChangeReview() {
    }

    /** The plans, tenant by tenant and node by node, and notes about what the base revision lacked. */
    public record Result(Revision base, Revision change, List<Plan> plans, List<String> notes) {
        public Result {
            plans = List.copyOf(plans);
            notes = List.copyOf(notes);
        }
    }

    public static Result review(GitSource source, String base, String change, Optional<String> tenant, Optional<String> node,
                                Guardrails guardrails) {
        Checkout before = source.checkout(base);
        Checkout after = source.checkout(change);
        List<String> tenants = tenant.map(List::of).orElseGet(() -> touched(before.tree(), after.tree()));
        List<Plan> plans = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String name : tenants) {
            try {
                plans.addAll(review(name, before, after, node, guardrails, notes));
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Result(before.revision(), after.revision(), plans, notes);
    }

    /**
     * The tenants whose desired state may differ between the two trees: those whose files differ, or that
     * come or go. A repository that holds one tenant at its root has no tenant names: the caller names it.
     */
    static List<String> touched(ConfigTree before, ConfigTree after) {
        TreeSet<String> names = new TreeSet<>(TenantLoader.tenants(before));
        names.addAll(TenantLoader.tenants(after));
        if (names.isEmpty() && (after.read("inventory.yml").isPresent() || before.read("inventory.yml").isPresent())) {
            throw new IllegalArgumentException("this repository holds a single tenant at its root, without a name: give it with --tenant");
        }
        return names.stream().filter(t -> {
            Optional<String> was = before.fingerprint(TenantLoader.sources(before, t));
            Optional<String> is = after.fingerprint(TenantLoader.sources(after, t));
            return was.isEmpty() || is.isEmpty() || !was.equals(is);
        }).toList();
    }

    private static List<Plan> review(String tenant, Checkout before, Checkout after, Optional<String> onlyNode, Guardrails guardrails,
                                     List<String> notes) {
        if (!TenantLoader.isTenantName(tenant) || !present(after.tree(), tenant) && !present(before.tree(), tenant)) {
            TreeSet<String> known = new TreeSet<>(TenantLoader.tenants(before.tree()));
            known.addAll(TenantLoader.tenants(after.tree()));
            throw new IllegalArgumentException("tenant '" + tenant + "' is at neither revision; the tenants are " + known);
        }
        Optional<TenantConfig> now = present(after.tree(), tenant)
                ? Optional.of(TenantLoader.load(after.tree(), tenant)) : Optional.empty();
        Optional<TenantConfig> was = Optional.empty();
        if (present(before.tree(), tenant)) {
            try {
                was = Optional.of(TenantLoader.load(before.tree(), tenant));
            } catch (InvalidConfigException e) {
                notes.add("tenant " + tenant + " is invalid at the base revision " + before.revision().shortId()
                        + "; its plan is against nothing running (" + e.problems().size() + " problem(s), the first: "
                        + e.problems().get(0) + ")");
            }
        }
        TreeSet<String> nodes = new TreeSet<>();
        now.ifPresent(c -> nodes.addAll(c.inventory().hostMap().keySet()));
        was.ifPresent(c -> nodes.addAll(c.inventory().hostMap().keySet()));
        onlyNode.ifPresent(n -> nodes.retainAll(List.of(n)));
        List<Plan> plans = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String node : nodes) {
            DesiredState base = desired(was, tenant, node, before.revision(), guardrails, null);
            DesiredState change = desired(now, tenant, node, after.revision(), guardrails, problems);
            if (change != null) {
                plans.add(RevisionDiff.diff(base, change));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return plans;
    }

    private static boolean present(ConfigTree tree, String tenant) {
        return tree.isFolder(TenantLoader.INSTANCES + "/" + tenant)
                || TenantLoader.tenants(tree).isEmpty() && tree.read("inventory.yml").isPresent();
    }

    /**
     * What the tenant runs on the node at that revision: nothing when the tenant or the node is not there.
     * Problems go to {@code problems}, or, for the base revision (null), count as running nothing.
     */
    private static DesiredState desired(Optional<TenantConfig> config, String tenant, String node, Revision revision,
                                        Guardrails guardrails, List<Problem> problems) {
        DesiredState nothing = new DesiredState(tenant, node, revision, List.of());
        if (config.isEmpty() || config.get().inventory().host(node).isEmpty()) {
            return nothing;
        }
        try {
            return Renderer.render(config.get(), node, revision, guardrails);
        } catch (InvalidConfigException e) {
            if (problems == null) {
                return nothing;
            }
            problems.addAll(e.problems());
            return null;
        }
    }
}
