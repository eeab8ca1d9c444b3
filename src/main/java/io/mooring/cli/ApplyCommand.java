package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.model.ActionRecord;
import io.mooring.model.PassRecord;
import io.mooring.plan.PlanText;
import io.mooring.reconcile.Reconciler;
import io.mooring.state.StateException;
import java.time.Duration;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code mooring apply}: one reconcile pass of one tenant on the local engine. Exit 0 converged, 1 failed
 * (after rolling back) or nothing could be done, 3 when the tenant's policy held changes back (outside its
 * maintenance window, or drift reported under self_heal: report).
 */
public final class ApplyCommand extends Command {
    public ApplyCommand() {
        super("apply", "Apply a tenant's revision to the local Docker engine (one reconcile pass)");
    }

    @Override
    public void configure(Subparser parser) {
        LocalAgent.options(parser);
        parser.addArgument("--health-timeout").type(Integer.class).setDefault(60)
                .help("seconds a new container has to become healthy before the old one is put back (default: 60)");
        parser.addArgument("--parallelism").type(Integer.class).setDefault(4)
                .help("independent components rolled out at once (default: 4)");
        parser.addArgument("--min-free-disk").type(Long.class).setDefault(1024L)
                .help("MiB that must stay free where the engine keeps images, checked before pulling (default: 1024)");
        parser.addArgument("--ignore-maintenance-window").action(Arguments.storeTrue())
                .help("apply changes now even outside the tenant's mooring_maintenance_window");
        CommonOptions.signatures(parser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        int parallelism = namespace.getInt("parallelism");
        if (parallelism < 1 || parallelism > 32) {
            throw new UsageError("mooring apply: --parallelism must be from 1 to 32");
        }
        try (LocalAgent agent = new LocalAgent(namespace, Duration.ofSeconds(namespace.getInt("health_timeout")), parallelism,
                namespace.getLong("min_free_disk") << 20, CommonOptions.signatures(namespace))) {
            PassRecord pass = agent.reconciler.reconcile(namespace.getString("tenant"), namespace.getString("ref"),
                    plan -> System.out.print(PlanText.render(plan)),
                    new Reconciler.Request(true, namespace.getBoolean("ignore_maintenance_window")));
            report(pass);
        } catch (StateException e) {
            throw new UserError("mooring: state database under " + CommonOptions.home(namespace) + ": " + e.getMessage());
        }
    }

    private static void report(PassRecord pass) {
        for (ActionRecord action : pass.actions()) {
            if (!action.message().isEmpty() && !"keep".equals(action.verb())) {
                System.out.println(action.component() + ": " + action.message());
            }
        }
        switch (pass.status()) {
            case CONVERGED -> System.out.println("converged: " + pass.message());
            case INVALID -> throw new UserError(pass.message() + "\nmooring: revision is invalid; nothing was changed");
            case REFUSED -> throw new UserError("mooring: " + pass.message());
            case UNAVAILABLE -> throw new UserError("mooring: " + pass.message() + "\nmooring: nothing was changed; try again");
            case DEFERRED -> throw new UserError("mooring: " + pass.message()
                    + "\nmooring: nothing was changed; pass --ignore-maintenance-window to apply now", 3);
            case DRIFTED -> throw new UserError("mooring: " + pass.message(), 3);
            default -> throw new UserError("mooring: apply failed: " + pass.message());
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        CommonOptions.onError(cli, e);
    }
}
