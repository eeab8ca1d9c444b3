package io.mooring;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.JarLocation;
import io.mooring.api.TenantView;
import io.mooring.cli.CommandLine;
import io.mooring.cli.MooringCommand;
import io.mooring.cli.ServerCommand;
import io.mooring.engine.Engine;
import io.mooring.health.EngineHealthCheck;
import io.mooring.health.ReconcileHealthCheck;
import io.mooring.inventory.InventoryReader;
import io.mooring.leader.Election;
import io.mooring.leader.Singletons;
import io.mooring.metrics.PrometheusEndpoint;
import io.mooring.reconcile.BackupScheduler;
import io.mooring.reconcile.LastBackups;
import io.mooring.reconcile.NodeReporter;
import io.mooring.reconcile.ReconcileLoop;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.TenantBackups;
import io.mooring.resources.BearerTokenFilter;
import io.mooring.resources.ClusterResource;
import io.mooring.resources.PassesResource;
import io.mooring.resources.ReadTokenFilter;
import io.mooring.resources.TenantsResource;
import io.mooring.resources.WebhookResource;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import io.mooring.state.ClusterState;
import io.mooring.wiring.AfterStart;
import io.mooring.wiring.ApiAside;
import io.mooring.wiring.AgentBootstrap;
import io.mooring.wiring.AgentFileFactory;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.Build;
import io.mooring.wiring.ClusterParts;
import io.mooring.wiring.CommandLogs;
import io.mooring.wiring.PrivateFolders;
import io.mooring.wiring.RequestLogStatus;
import io.mooring.wiring.ConfigBlocks;
import io.mooring.wiring.CommitStatusPosting;
import io.mooring.wiring.Listeners;
import io.mooring.wiring.Notifications;
import io.mooring.wiring.MetricsParts;
import io.mooring.wiring.WireLogs;
import io.mooring.wiring.Secrets;
import io.mooring.wiring.StatusPages;
import io.mooring.wiring.StateAside;
import io.mooring.wiring.SystemdWatchdog;
import io.mooring.wiring.ValidationAside;
import io.mooring.wiring.Wiring;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.time.Clock;

/** The agent and its command line: wiring only. */
public class MooringApplication extends Application<MooringConfiguration> {
    /** The agent file's validation, made ready from the process's first moment by {@link #main}; or at {@link #run}. */
    private final ValidationAside validation;

    public MooringApplication() {
        this(null);
    }

    private MooringApplication(ValidationAside validation) {
        this.validation = validation;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            System.out.print(Build.current().describe());
            return;
        }
        Optional<MooringCommand<?>> command = CommandLine.of(args);
        if (command.isEmpty()) {
            AgentBootstrap.prepareLocales();
            new MooringApplication(ValidationAside.start(MooringConfiguration::new)).run(args);
            return;
        }
        command(command.get(), args).ifPresent(failure -> System.exit(MooringCommand.exitCode(failure)));
    }

    /** One of Mooring's own commands, without Dropwizard's bootstrap unless it reads an agent file: what failed, told. */
    static Optional<Throwable> command(MooringCommand<?> command, String... args) {
        if (command.opensRepository()) {
            Wiring.prepareSource();
        }
        if (command.compilesSchemasAhead(List.of(args))) {
            InventoryReader.prepareSchemas();
        }
        CommandLogs.start();
        return CommandLine.run(command, args, new JarLocation(MooringApplication.class).toString(), MooringApplication::bootstrap);
    }

    /** Dropwizard's bootstrap as {@code server} has it, for a command that reads an agent file; its logs stay a command's. */
    private static Bootstrap<?> bootstrap() {
        MooringApplication application = new MooringApplication();
        Bootstrap<MooringConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        CommandLogs.start();
        return bootstrap;
    }

    @Override
    public String getName() {
        return "mooring";
    }

    /** As Dropwizard's, but with the agent's own JVM metrics, without JMX ({@link AgentBootstrap}). */
    @Override
    public void run(String... arguments) throws Exception {
        Bootstrap<MooringConfiguration> bootstrap = new Bootstrap<>(this);
        addDefaultCommands(bootstrap);
        initialize(bootstrap);
        ValidationAside validation = this.validation != null ? this.validation : ValidationAside.start(MooringConfiguration::new);
        bootstrap.setValidatorFactory(validation.factory());
        bootstrap.setConfigurationFactoryFactory(new AgentFileFactory<>(validation.validator()));
        AgentBootstrap.jvmMetrics(bootstrap.getMetricRegistry());
        new Cli(new JarLocation(getClass()), bootstrap, System.out, System.err).run(arguments).ifPresent(this::onFatalError);
    }

    @Override
    public void initialize(Bootstrap<MooringConfiguration> bootstrap) {
        bootstrap.setObjectMapper(AgentBootstrap.mapper());
        bootstrap.setConfigurationFactoryFactory(new AgentFileFactory<>());
        CommandLine.commands().forEach(bootstrap::addCommand);
    }

    /** Dropwizard's server command, but a configuration error is listed without a stack trace. */
    @Override
    protected void addDefaultCommands(Bootstrap<MooringConfiguration> bootstrap) {
        bootstrap.addCommand(new ServerCommand<>(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void run(MooringConfiguration config, Environment environment) {
        WireLogs.keepOff();
        RequestLogStatus.keepQuiet(environment.lifecycle());
        Path home = Path.of(config.getHome());
        TenantBackups.Options backupOptions = AgentParts.backupOptions(config.getBackup(), home);
        PrivateFolders.prepare(home, backupOptions.localDirectory());
        // The state database's files appear once it is open: narrowed as soon as the agent has started.
        environment.lifecycle().addServerLifecycleListener(server -> PrivateFolders.prepare(home, backupOptions.localDirectory()));
        ManagedDataSource dataSource = ClusterParts.dataSource(config.getDatabase(), environment.metrics());
        StateAside state = StateAside.open(dataSource, config.getNode(),
                () -> ClusterParts.nodeState(config.getDatabase(), dataSource, home, config.getNode(), environment.metrics()));
        environment.lifecycle().manage(state.closing());
        StateStore store = state.store();
        GitSource source = Secrets.decrypting(Wiring.source(config.getRepo(), home, ConfigBlocks.gitCredentials(config.getGit()),
                config.getGit().getDepth()), Secrets.decryptor(Optional.of(config)));
        Engine engine = AgentParts.engine(config);
        environment.lifecycle().manage(new Closing(source));
        environment.lifecycle().manage(new Closing(engine));
        io.mooring.notify.Notifier notifier = Notifications.notifier(config.getNotifications(), config.getNode());
        PrometheusEndpoint metrics = MetricsParts.endpoint(environment);
        LastBackups lastBackups = new LastBackups();
        Listeners events = new Listeners(List.of(metrics.events(), notifier, lastBackups,
                CommitStatusPosting.listener(config.getCommitStatus(), config.getRepo(), environment.lifecycle())));
        TenantBackups backups = AgentParts.backups(backupOptions, config.getBackup()).telling(events);
        Reconciler reconciler = AgentParts.reconciler(source, engine, config.getDockerHost(), store, config.getNode(), AgentParts.settings(config),
                backups, events);
        Election election = AgentParts.election(Wiring.leadership(config.getDatabase(), config.getNode()), config);
        ApiAside api = ApiAside.attach(environment);
        AfterStart.manage(environment.lifecycle(), election, api.made());
        Singletons singletons = new Singletons(election, Wiring.singletonRuns(dataSource));
        ClusterState cluster = ClusterParts.state(dataSource);
        environment.lifecycle().manage(new BackupScheduler(reconciler::accepted, reconciler::elsewhere, config.getNode(), config.getTenants(),
                backups, AgentParts.guardrails(config), Clock.systemUTC(), AgentParts.clusterBackups(config.getDatabase().getUrl(), singletons),
                config.getCluster().getRetryPeriod().toJavaDuration(), () -> ClusterParts.downNodes(cluster)));
        environment.lifecycle().manage(AgentParts.historyPruning(singletons, dataSource));
        ReconcileLoop loop = new ReconcileLoop(reconciler, engine, config.getTenants(), config.getRef(),
                config.getInterval().toJavaDuration(), config.getRollout().getResyncInterval().toJavaDuration());
        AfterStart.manage(environment.lifecycle(), loop, api.made());
        NodeReporter reporter = ClusterParts.reporter(config, reconciler, engine, lastBackups, loop);
        AfterStart.manage(environment.lifecycle(), ClusterParts.heartbeat(reporter, cluster), api.made());
        environment.lifecycle().manage(Notifications.watching(notifier, config.getNotifications(),
                new io.mooring.notify.Watch.Sources(reconciler::certificates,
                        () -> election.leads() ? ClusterParts.downNodes(cluster) : null, loop::stalled)));
        environment.lifecycle().manage(state.opened());
        MetricsParts.serve(environment, metrics, reconciler, election, loop, cluster);
        environment.healthChecks().register("docker-engine", new EngineHealthCheck(engine));
        environment.healthChecks().register("reconcile", new ReconcileHealthCheck(loop::stalled, Clock.systemUTC()));
        SystemdWatchdog.attach(environment, "reconcile");
        environment.jersey().register(new PassesResource(store));
        environment.jersey().register(new ClusterResource(cluster));
        environment.jersey().register(new BearerTokenFilter(config.getApi().token()));
        environment.jersey().register(new ReadTokenFilter(config.getApi().token(), config.getApi().isAnonymousRead()));
        environment.jersey().register(new TenantsResource(store, loop::retry,
                () -> reconciler.fetched().map(f -> new TenantView.Fetched(f.revision(), f.subject(), f.at(), f.error(), f.failedAt())), config.getNode(),
                tenant -> java.util.Optional.ofNullable(reconciler.certificates().get(tenant))
                        .map(c -> new TenantView.Certificate(c.source(), c.names(), c.notAfter(), c.fingerprint()))));
        StatusPages.register(environment.jersey(), config, store, cluster, reporter, loop::retry);
        environment.jersey().register(new WebhookResource(ConfigBlocks.webhookVerifier(config.getWebhooks()),
                config.getWebhooks().getMaxBody().toBytes(), loop::wake));
    }

    /** The exit code of a failed command: usage 2, a user error its own, anything else 1; the command has said why. */
    @Override
    protected void onFatalError(Throwable t) {
        System.exit(MooringCommand.exitCode(t));
    }

    /** Closes an adapter, or stops the reconcile loop, when the agent stops. */
    private record Closing(AutoCloseable resource) implements io.dropwizard.lifecycle.Managed {
        @Override
        public void stop() throws Exception {
            resource.close();
        }
    }
}
