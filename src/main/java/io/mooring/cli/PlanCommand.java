package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.Wiring;
import io.mooring.engine.EngineException;
import io.mooring.model.InvalidConfigException;
import io.mooring.plan.Plan;
import io.mooring.plan.PlanText;
import io.mooring.reconcile.ChangeReview;
import io.mooring.source.GitSource;
import io.mooring.source.SourceException;
import io.mooring.state.StateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code mooring plan}: with {@code --base}, what a change between two revisions does on every node of the
 * tenants it touches, offline (no engine, no state); without, what {@code apply} would do to the local
 * engine. Either way, why, without doing it. Exit 0 when it planned (whatever the plan), 1 when it cannot
 * plan (an invalid revision, each problem at its file and line), 2 for a usage error.
 */
public final class PlanCommand extends Command {
    public PlanCommand() {
        super("plan", "Show what a change (--base REV --ref REV, offline) or apply (on the local engine) would do, and why");
    }

    @Override
    public void configure(Subparser parser) {
        LocalAgent.options(parser, false);
        parser.addArgument("--base").help("review a change offline: the revision it starts from (e.g. the pull request's target"
                + " branch); --ref is the change (default: the default branch's head); --tenant may be left out for every tenant it touches");
        parser.addArgument("--format").choices("text", "json", "markdown").setDefault("text")
                .help("text (default), json (one object) or markdown (for a pull request comment)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        String output = namespace.getString("base") != null ? review(namespace) : local(namespace);
        System.out.print(output);
        System.out.flush();
    }

    private static String local(Namespace namespace) throws Exception {
        if (namespace.getString("tenant") == null) {
            throw new UsageError("mooring plan: --tenant is required, unless --base reviews a change offline");
        }
        Plan plan;
        try (LocalAgent agent = new LocalAgent(namespace, Duration.ofSeconds(60), 1, 0)) {
            plan = agent.reconciler.preview(namespace.getString("tenant"), namespace.getString("ref"));
        } catch (InvalidConfigException e) {
            throw new UserError(e.getMessage() + "\nmooring: revision is invalid");
        } catch (SourceException | EngineException | StateException e) {
            throw new UserError("mooring: " + e.getMessage());
        }
        return switch (namespace.getString("format")) {
            case "json" -> PlanText.json(plan) + "\n";
            case "markdown" -> PlanText.markdown(plan);
            default -> PlanText.render(plan);
        };
    }

    private static String review(Namespace namespace) {
        ChangeReview.Result result;
        String repo = namespace.getString("repo");
        Path local = Path.of(repo);
        // A repository on this machine is read in place, so that any revision it knows can be named.
        try (GitSource source = !repo.contains("://") && Files.isDirectory(local) ? Wiring.localSource(local)
                : Wiring.source(repo, CommonOptions.home(namespace), CommonOptions.gitCredentials(namespace), 0)) {
            result = ChangeReview.review(source, namespace.getString("base"), namespace.getString("ref"),
                    Optional.ofNullable(namespace.getString("tenant")), Optional.ofNullable(namespace.getString("node")),
                    LocalAgent.guardrails(namespace));
        } catch (InvalidConfigException e) {
            throw new UserError(e.getMessage() + "\nmooring: the revision under review is invalid; nothing of it would be applied");
        } catch (SourceException e) {
            throw new UserError("mooring: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageError("mooring plan: " + e.getMessage());
        }
        return switch (namespace.getString("format")) {
            case "json" -> PlanText.reviewJson(result.base(), result.change(), result.plans(), result.notes()) + "\n";
            case "markdown" -> PlanText.reviewMarkdown(result.base(), result.change(), result.plans(), result.notes());
            default -> PlanText.review(result.base(), result.change(), result.plans(), result.notes());
        };
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        CommonOptions.onError(cli, e);
    }
}
