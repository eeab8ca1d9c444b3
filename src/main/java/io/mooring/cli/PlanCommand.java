package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.engine.EngineException;
import io.mooring.model.InvalidConfigException;
import io.mooring.plan.Plan;
import io.mooring.plan.PlanText;
import io.mooring.source.SourceException;
import io.mooring.state.StateException;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code mooring plan}: what {@code apply} would do to the local engine, and why, without doing it.
 * Exit 0 when it planned (whatever the plan), 1 when it cannot plan.
 */
public final class PlanCommand extends Command {
    public PlanCommand() {
        super("plan", "Show what apply would change on the local Docker engine, and why, without changing it");
    }

    @Override
    public void configure(Subparser parser) {
        LocalAgent.options(parser);
        parser.addArgument("--format").choices("text", "json", "markdown").setDefault("text")
                .help("text (default), json (one object) or markdown (for a pull request comment)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Plan plan;
        try (LocalAgent agent = new LocalAgent(namespace, Duration.ofSeconds(60), 1, 0)) {
            plan = agent.reconciler.preview(namespace.getString("tenant"), namespace.getString("ref"));
        } catch (InvalidConfigException e) {
            throw new UserError(e.getMessage() + "\nmooring: revision is invalid");
        } catch (SourceException | EngineException | StateException e) {
            throw new UserError("mooring: " + e.getMessage());
        }
        System.out.print(switch (namespace.getString("format")) {
            case "json" -> PlanText.json(plan) + "\n";
            case "markdown" -> PlanText.markdown(plan);
            default -> PlanText.render(plan);
        });
        System.out.flush();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        CommonOptions.onError(cli, e);
    }
}
