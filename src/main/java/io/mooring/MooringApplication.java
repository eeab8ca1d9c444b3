package io.mooring;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.api.TenantView;
import io.mooring.cli.ApplyCommand;
import io.mooring.cli.BackupCommand;
import io.mooring.cli.PlanCommand;
import io.mooring.cli.RevertCommand;
import io.mooring.cli.UsageError;
import io.mooring.cli.UserError;
import io.mooring.cli.ValidateCommand;
import io.mooring.engine.Engine;
import io.mooring.health.EngineHealthCheck;
import io.mooring.reconcile.ReconcileLoop;
import io.mooring.reconcile.BackupScheduler;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.TenantBackups;
import io.mooring.resources.BearerTokenFilter;
import io.mooring.resources.PassesResource;
import io.mooring.resources.TenantsResource;
import io.mooring.resources.WebhookResource;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.ArgumentParserException;

/** The agent and its command line: wiring only. */
public class MooringApplication extends Application<MooringConfiguration> {
    public static void main(String[] args) throws Exception {
        new MooringApplication().run(args);
    }

    @Override
    public String getName() {
        return "mooring";
    }

    @Override
    public void initialize(Bootstrap<MooringConfiguration> bootstrap) {
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.addCommand(new ApplyCommand());
        bootstrap.addCommand(new ValidateCommand());
        bootstrap.addCommand(new PlanCommand());
        bootstrap.addCommand(new RevertCommand());
        bootstrap.addCommand(new BackupCommand());
    }

    @Override
    public void run(MooringConfiguration config, Environment environment) {
        WireLogs.keepOff();
        Path home = Path.of(config.getHome());
        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "state");
        environment.lifecycle().manage(dataSource);
        StateStore store = Wiring.store(dataSource);
        GitSource source = Wiring.source(config.getRepo(), home, config.getGit().credentials(), config.getGit().depth);
        Engine engine = Wiring.engine(config.getDockerHost(), config.getRollout().credentials());
        environment.lifecycle().manage(new Closing(source));
        environment.lifecycle().manage(new Closing(engine));
        TenantBackups backups = new TenantBackups(Wiring::bucket, config.getBackup().options(home), Clock.systemUTC());
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(source, engine, store, java.util.Optional.of(backups)),
                config.getNode(), Clock.systemUTC(),
                config.getRollout().settings(config.getGuardrails(), config.getHealthTimeout(), config.getGit().signatures.toPolicy()));
        environment.lifecycle().manage(new BackupScheduler(reconciler::accepted, config.getNode(), config.getTenants(), backups,
                config.getGuardrails().toModel(), Clock.systemUTC()));
        ReconcileLoop loop = new ReconcileLoop(reconciler, engine, config.getTenants(), config.getRef(),
                config.getInterval().toJavaDuration(), config.getRollout().resyncInterval.toJavaDuration());
        environment.lifecycle().manage(loop);
        environment.healthChecks().register("docker-engine", new EngineHealthCheck(engine));
        environment.jersey().register(new PassesResource(store));
        environment.jersey().register(new BearerTokenFilter(config.getApi().token()));
        environment.jersey().register(new TenantsResource(store, loop::retry,
                () -> reconciler.fetched().map(f -> new TenantView.Fetched(f.revision(), f.subject(), f.at())), config.getNode()));
        environment.jersey().register(new WebhookResource(config.getWebhooks().verifier(), config.getWebhooks().maxBody.toBytes(), loop::wake));
    }

    /** Exit 2 for a usage error, a user error's own code, 1 for everything else; the command has already said what went wrong. */
    @Override
    protected void onFatalError(Throwable t) {
        System.exit(t instanceof ArgumentParserException || t instanceof UsageError ? 2
                : t instanceof UserError userError ? userError.exitCode() : 1);
    }

    /** Closes an adapter when the agent stops. */
    private record Closing(AutoCloseable resource) implements io.dropwizard.lifecycle.Managed {
        @Override
        public void stop() throws Exception {
            resource.close();
        }
    }
}
