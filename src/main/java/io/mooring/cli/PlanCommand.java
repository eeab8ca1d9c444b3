package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.plan.Plan;
import io.mooring.plan.PlanText;
import io.mooring.plan.SwarmPlan;
import io.mooring.plan.SwarmPlanText;
import io.mooring.reconcile.ChangeReview;
import io.mooring.reconcile.PlanShown;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.Secrets;
import io.mooring.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * {@code mooring plan}: with {@code --base}, what a change between two revisions does on every node of the
 * tenants it touches, offline (no engine, no state); without, what {@code apply} would do to the local
 * engine. Either way, why, without doing it. Exit 0 when it planned (whatever the plan), 1 when it cannot
 * plan (an invalid revision, each problem at its file and line), 2 for a usage error.
 */
public final class PlanCommand extends MooringCommand<PlanCommand.Options> {
    /** @param base the revision a change review starts from; null plans for the local engine */
    record Options(AgentOptions agent, String base, String format) {
        static Options from(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
            AgentOptions agent = AgentOptions.from(bootstrap, namespace, "plan");
            String base = namespace.getString("base");
            if (base == null && agent.tenant() == null) {
                throw new UsageError("mooring plan: --tenant is required, unless --base reviews a change offline");
            }
            return new Options(agent, base, namespace.getString("format"));
        }
    }

    public PlanCommand() {
        super("plan", "Show what a change (--base REV --ref REV, offline) or apply (on the local engine) would do, and why");
    }

    @Override
    public boolean readsTenants() {
        return true;
    }

    @Override
    public boolean opensRepository() {
        return true;
    }

    /** An offline review (--base) keeps no verdicts: it has no home. */
    @Override
    public boolean compilesSchemasAhead(java.util.List<String> args) {
        return args.stream().anyMatch(arg -> arg.equals("--base") || arg.startsWith("--base="));
    }

    @Override
    public void configure(Subparser parser) {
        AgentOptions.configure(parser, false, true);
        parser.addArgument("--base").help("review a change offline: the revision it starts from (e.g. the pull request's target"
                + " branch); --ref is the change (default: the default branch's head); --tenant may be left out for every tenant it touches");
        parser.addArgument("--format").choices("text", "json", "markdown").setDefault("text")
                .help("text (default), json (one object) or markdown (for a pull request comment)");
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        return Options.from(bootstrap, namespace);
    }

    @Override
    protected void run(Options options) throws Exception {
        String output = options.base() != null ? review(options) : local(options);
        System.out.print(output);
        System.out.flush();
    }

    private static String local(Options options) throws Exception {
        StringBuilder out = new StringBuilder();
        // Planning neither rolls out nor pulls: one at a time, no disk floor, no signature gate.
        try (LocalAgent local = new LocalAgent(options.agent(), AgentParts.settings(options.agent().guardrails(), Duration.ofSeconds(60), 1, 0,
                Duration.ZERO, SignaturePolicy.OFF, options.agent().config()))) {
            local.withState(() -> {
                local.reconciler.preview(options.agent().tenant(), options.agent().ref(), shown(options, out));
                return null;
            });
        }
        return out.toString();
    }

    private static PlanShown shown(Options options, StringBuilder out) {
        return new PlanShown() {
            @Override
            public void shown(Plan plan) {
                out.append(switch (options.format()) {
                    case "json" -> PlanText.json(plan) + "\n";
                    case "markdown" -> PlanText.markdown(plan);
                    default -> PlanText.render(plan);
                });
            }

            @Override
            public void shown(SwarmPlan plan) {
                out.append(switch (options.format()) {
                    case "json" -> SwarmPlanText.json(plan) + "\n";
                    case "markdown" -> SwarmPlanText.markdown(plan);
                    default -> SwarmPlanText.render(plan);
                });
            }
        };
    }

    private static String review(Options options) {
        AgentOptions agent = options.agent();
        ChangeReview.Result result;
        Path local = Path.of(agent.repo());
        // A repository on this machine is read in place, so that any revision it knows can be named.
        try (GitSource source = Secrets.decrypting(!agent.repo().contains("://") && Files.isDirectory(local) ? Wiring.localSource(local)
                : Wiring.source(agent.repo(), agent.home(), agent.git(), 0), Secrets.decryptor(agent.config()))) {
            result = ChangeReview.review(source, options.base(), agent.ref(), Optional.ofNullable(agent.tenant()), agent.nodeOption(),
                    agent.guardrails());
        }
        return switch (options.format()) {
            case "json" -> PlanText.reviewJson(result.base(), result.change(), result.plans(), result.notes()) + "\n";
            case "markdown" -> PlanText.reviewMarkdown(result.base(), result.change(), result.plans(), result.notes());
            default -> PlanText.review(result.base(), result.change(), result.plans(), result.notes());
        };
    }

    /** A revision that names something unknown to the repository is a usage error of the review. */
    @Override
    protected Optional<RuntimeException> explain(Options options, Exception e) {
        if (e instanceof IllegalArgumentException && options != null && options.base() != null) {
            return Optional.of(new UsageError("mooring plan: " + e.getMessage()));
        }
        return super.explain(options, e);
    }

    @Override
    protected String invalidRevision(Options options) {
        return options != null && options.base() != null ? "the revision under review is invalid; nothing of it would be applied"
                : "revision is invalid";
    }
}
