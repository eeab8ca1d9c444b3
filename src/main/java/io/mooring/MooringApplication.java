package io.mooring;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.cli.ApplyCommand;
import io.mooring.cli.PlanCommand;
import io.mooring.cli.UsageError;
import io.mooring.cli.UserError;
import io.mooring.cli.ValidateCommand;
import io.mooring.engine.Engine;
import io.mooring.health.EngineHealthCheck;
import io.mooring.reconcile.ReconcileLoop;
import io.mooring.reconcile.Reconciler;
import io.mooring.resources.PassesResource;
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
    }

    @Override
    public void run(MooringConfiguration config, Environment environment) {
        Path home = Path.of(config.getHome());
        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "state");
        environment.lifecycle().manage(dataSource);
        StateStore store = Wiring.store(dataSource);
        GitSource source = Wiring.source(config.getRepo(), home);
        Engine engine = Wiring.engine(config.getDockerHost(), config.getRollout().credentials());
        environment.lifecycle().manage(new Closing(source));
        environment.lifecycle().manage(new Closing(engine));
        Reconciler reconciler = new Reconciler(source, engine, store, config.getNode(), Clock.systemUTC(),
                config.getRollout().settings(config.getGuardrails(), config.getHealthTimeout()));
        environment.lifecycle().manage(new ReconcileLoop(reconciler, engine, config.getTenants(), config.getRef(),
                config.getInterval().toJavaDuration(), config.getRollout().resyncInterval.toJavaDuration()));
        environment.healthChecks().register("docker-engine", new EngineHealthCheck(engine));
        environment.jersey().register(new PassesResource(store));
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
