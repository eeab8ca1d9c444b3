package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.config.AgentConfig;
import io.mooring.engine.EngineLock;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.PassRecord;
import io.mooring.plan.Plan;
import io.mooring.plan.PlanText;
import io.mooring.plan.SwarmPlan;
import io.mooring.plan.SwarmPlanText;
import io.mooring.reconcile.PlanShown;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.SignaturePolicy;
import io.mooring.state.StateException;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.ConfigBlocks;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * {@code mooring apply}: one reconcile pass of one tenant on the local engine. Exit 0 converged, 1 failed
 * (after rolling back) or nothing could be done, 3 when the tenant's policy held changes back (outside its
 * maintenance window, or drift reported under self_heal: report). It holds the engine's {@link EngineLock} for its
 * whole run, waiting up to five minutes for another Mooring acting on the same engine.
 */
public final class ApplyCommand extends MooringCommand<ApplyCommand.Options> {
    /**
     * One pass's options; with {@code --config}, the agent's healthTimeout, rollout and git.signatures stand
     * for the options left out.
     */
    record Options(AgentOptions agent, Duration healthTimeout, int parallelism, long minFreeDiskBytes, boolean ignoreWindow,
                   SignaturePolicy signatures) {
        static Options from(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
            AgentOptions agent = AgentOptions.from(bootstrap, namespace, "apply");
            Optional<AgentConfig> config = agent.config();
            int parallelism = option(namespace.getInt("parallelism"), config, c -> c.getRollout().getParallelism(), 4);
            if (parallelism < 1 || parallelism > 32) {
                throw new UsageError("mooring apply: --parallelism must be from 1 to 32");
            }
            Integer seconds = namespace.getInt("health_timeout");
            Duration healthTimeout = seconds != null ? Duration.ofSeconds(seconds)
                    : config.map(c -> c.getHealthTimeout().toJavaDuration()).orElse(Duration.ofSeconds(60));
            long minFreeDisk = namespace.getLong("min_free_disk") != null ? namespace.getLong("min_free_disk") << 20
                    : config.map(c -> c.getRollout().getMinFreeDisk().toBytes()).orElse(1024L << 20);
            SignaturePolicy signatures = CommonOptions.requiresSigned(namespace) || config.isEmpty() ? CommonOptions.signatures(namespace)
                    : ConfigBlocks.signatures(config.get().getGit().getSignatures());
            return new Options(agent, healthTimeout, parallelism, minFreeDisk, namespace.getBoolean("ignore_maintenance_window"),
                    signatures);
        }

        private static int option(Integer given, Optional<AgentConfig> config, Function<AgentConfig, Integer> setting, int otherwise) {
            return given != null ? given : config.map(setting).orElse(otherwise);
        }
    }

    /** How long apply waits for another Mooring acting on the same engine (an agent's round, another apply). */
    private static final Duration ENGINE_WAIT = Duration.ofMinutes(5);

    public ApplyCommand() {
        super("apply", "Apply a tenant's revision to the local Docker engine (one reconcile pass)");
    }

    @Override
    public boolean readsTenants() {
        return true;
    }

    @Override
    public boolean opensRepository() {
        return true;
    }

    @Override
    public boolean compilesSchemasAhead(java.util.List<String> args) {
        return false;
    }

    @Override
    public void configure(Subparser parser) {
        AgentOptions.configure(parser, true, true);
        parser.addArgument("--health-timeout").type(Integer.class)
                .help("seconds a new container has to become healthy before the old one is put back (default: 60, or the config's)");
        parser.addArgument("--parallelism").type(Integer.class)
                .help("independent components rolled out at once (default: 4, or the config's)");
        parser.addArgument("--min-free-disk").type(Long.class)
                .help("MiB that must stay free where the engine keeps images, checked before pulling (default: 1024, or the config's)");
        parser.addArgument("--ignore-maintenance-window").action(Arguments.storeTrue())
                .help("apply changes now even outside the tenant's mooring_maintenance_window");
        CommonOptions.signatures(parser);
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        return Options.from(bootstrap, namespace);
    }

    @Override
    protected void run(Options options) throws Exception {
        // The command line always asks the registries (no digest is trusted from an earlier pass).
        Reconciler.Settings settings = AgentParts.settings(options.agent().guardrails(), options.healthTimeout(), options.parallelism(),
                options.minFreeDiskBytes(), Duration.ZERO, options.signatures(), options.agent().config());
        try (EngineLock.Held exclusive = EngineLock.forEngine(options.agent().dockerHost()).acquire(ENGINE_WAIT,
                holder -> System.err.println("mooring: waiting for another Mooring on this engine (" + holder + ")"));
             LocalAgent local = new LocalAgent(options.agent(), settings)) {
            PassRecord pass = local.withState(() -> local.reconciler.reconcile(options.agent().tenant(), options.agent().ref(),
                    new PlanShown() {
                        @Override
                        public void shown(Plan plan) {
                            System.out.print(PlanText.render(plan));
                        }

                        @Override
                        public void shown(SwarmPlan plan) {
                            System.out.print(SwarmPlanText.render(plan));
                        }
                    }, new Reconciler.Request(true, options.ignoreWindow())));
            report(pass);
        }
    }

    @Override
    protected Optional<RuntimeException> explain(Options options, Exception e) {
        if (e instanceof StateException && options != null) {
            return Optional.of(new UserError("mooring: state database under " + options.agent().home() + ": " + e.getMessage()));
        }
        return super.explain(options, e);
    }

    private static void report(PassRecord pass) {
        for (ActionRecord action : pass.actions()) {
            if (!action.message().isEmpty() && action.verb() != ActionVerb.KEEP) {
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
}
