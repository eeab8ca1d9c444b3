package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.Wiring;
import io.mooring.engine.Engine;
import io.mooring.model.ActionRecord;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.plan.PlanText;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import io.mooring.state.StateException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code mooring apply}: one reconcile pass of one tenant on the local engine. Exit 0 only when converged. */
public final class ApplyCommand extends Command {
    public ApplyCommand() {
        super("apply", "Apply a tenant's revision to the local Docker engine (one reconcile pass)");
    }

    @Override
    public void configure(Subparser parser) {
        CommonOptions.repo(parser);
        parser.addArgument("--tenant").required(true).help("the tenant's folder name under instances/");
        CommonOptions.node(parser);
        parser.addArgument("--ref").help("branch, tag or commit to apply (default: the default branch's head)");
        parser.addArgument("--health-timeout").type(Integer.class).setDefault(60)
                .help("seconds a new container has to become healthy before the old one is put back (default: 60)");
        CommonOptions.home(parser);
        CommonOptions.dockerHost(parser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Path home = CommonOptions.home(namespace);
        ManagedDataSource dataSource = Wiring.embeddedDatabase(home).build(new MetricRegistry(), "state");
        dataSource.start();
        try (GitSource source = Wiring.source(namespace.getString("repo"), home);
             Engine engine = Wiring.engine(namespace.getString("docker_host"))) {
            Reconciler reconciler = new Reconciler(source, engine, Wiring.store(dataSource), CommonOptions.node(namespace),
                    Duration.ofSeconds(namespace.getInt("health_timeout")), Clock.systemUTC());
            PassRecord pass = reconciler.reconcile(namespace.getString("tenant"), namespace.getString("ref"),
                    plan -> System.out.print(PlanText.render(plan)));
            report(pass);
        } catch (StateException e) {
            throw new UserError("mooring: state database under " + home + ": " + e.getMessage());
        } finally {
            dataSource.stop();
        }
    }

    private static void report(PassRecord pass) {
        for (ActionRecord action : pass.actions()) {
            if (!action.message().isEmpty() && !"keep".equals(action.verb())) {
                System.out.println(action.component() + ": " + action.message());
            }
        }
        if (pass.status() != PassStatus.CONVERGED) {
            throw new UserError(switch (pass.status()) {
                case INVALID -> pass.message() + "\nmooring: revision is invalid; nothing was changed";
                case UNAVAILABLE -> "mooring: " + pass.message() + "\nmooring: nothing was changed; try again";
                default -> "mooring: apply failed: " + pass.message();
            });
        }
        System.out.println("converged: " + pass.message());
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        CommonOptions.onError(cli, e);
    }
}
