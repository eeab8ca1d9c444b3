package io.mooring.reconcile;

import io.mooring.apply.Applier;
import io.mooring.apply.RecoverStep;
import io.mooring.apply.StepResult;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ActionRecord;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.JournalRecord;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.TenantConfig;
import io.mooring.plan.Action;
import io.mooring.plan.Facts;
import io.mooring.plan.Plan;
import io.mooring.plan.Planner;
import io.mooring.plan.Reason;
import io.mooring.render.Renderer;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.source.SourceException;
import io.mooring.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass: fetch → read → render → recover → observe → plan → apply → record. The pass is
 * always recorded, whatever happens; an invalid revision or an unreachable Git or engine touches nothing.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final GitSource source;
    private final Engine engine;
    private final StateStore store;
    private final String node;
    private final Applier applier;
    private final Clock clock;
    private final Settings settings;
    private final RegistryDigests digests;

    /** How the agent rolls out: its guardrails, health timeout, parallelism, disk floor and registry check interval. */
    public record Settings(Guardrails guardrails, Duration healthTimeout, int parallelism, long minFreeDiskBytes,
                           Duration registryCheckInterval) {
        public static Settings defaults(Duration healthTimeout) {
            Applier.Options apply = Applier.Options.defaults(healthTimeout);
            return new Settings(Guardrails.defaults(), healthTimeout, apply.parallelism(), apply.minFreeDiskBytes(), Duration.ZERO);
        }

        Applier.Options apply() {
            return new Applier.Options(healthTimeout, parallelism, minFreeDiskBytes);
        }
    }

    /** What a person asked for: try a held revision again, or apply outside the maintenance window. */
    public record Request(boolean retryFailed, boolean ignoreWindow) {
        public static final Request EXPLICIT = new Request(true, false);
        public static final Request AGENT = new Request(false, false);
    }

    public Reconciler(GitSource source, Engine engine, StateStore store, String node, Duration healthTimeout, Clock clock) {
        this(source, engine, store, node, clock, Settings.defaults(healthTimeout));
    }

    public Reconciler(GitSource source, Engine engine, StateStore store, String node, Clock clock, Settings settings) {
        this.source = source;
        this.engine = engine;
        this.store = store;
        this.node = node;
        this.applier = new Applier(engine, settings.apply());
        this.clock = clock;
        this.settings = settings;
        this.digests = new RegistryDigests(engine, settings.registryCheckInterval(), clock);
    }

    /** Reconciles one tenant at {@code ref} (null: the default branch); {@code planned} sees the plan before it is applied. */
    public PassRecord reconcile(String tenant, String ref, Consumer<Plan> planned) {
        return reconcile(tenant, ref, planned, Request.EXPLICIT);
    }

    public PassRecord reconcile(String tenant, String ref, Consumer<Plan> planned, Request request) {
        Instant started = clock.instant();
        Checkout checkout;
        try {
            checkout = source.checkout(ref);
        } catch (SourceException e) {
            return record(new PassRecord(tenant, node, "", PassStatus.UNAVAILABLE, e.getMessage(), List.of(), started, clock.instant()));
        }
        return reconcile(tenant, checkout, planned, started, false, request).orElseThrow();
    }

    /** The plan of one tenant against the local engine, without applying or recording anything. */
    public Plan preview(String tenant, String ref) {
        Checkout checkout = source.checkout(ref);
        TenantConfig config = TenantLoader.load(checkout.tree(), tenant);
        DesiredState desired = Renderer.render(config, node, checkout.revision(), settings.guardrails());
        return Planner.plan(desired, engine.observe(tenant), facts(config, desired, new ArrayList<>()));
    }

    public List<PassRecord> reconcileAll(List<String> tenants, String ref) {
        return reconcileAll(tenants, ref, (tenant, revision) -> false);
    }

    /**
     * Reconciles the given tenants, or, when none are given, every tenant of the repository whose
     * inventory names this node, all at one fetched revision. A tenant for which {@code skip} says so
     * (nothing moved since it converged at that revision) is neither observed nor recorded.
     */
    public List<PassRecord> reconcileAll(List<String> tenants, String ref, BiPredicate<String, String> skip) {
        Instant started = clock.instant();
        Checkout checkout;
        try {
            checkout = source.checkout(ref);
        } catch (SourceException e) {
            List<String> names = tenants.isEmpty() ? List.of("*") : tenants;
            return names.stream().map(t -> record(new PassRecord(t, node, "", PassStatus.UNAVAILABLE, e.getMessage(),
                    List.of(), started, clock.instant()))).toList();
        }
        boolean discover = tenants.isEmpty();
        List<PassRecord> passes = new ArrayList<>();
        for (String tenant : discover ? TenantLoader.tenants(checkout.tree()) : tenants) {
            if (skip.test(tenant, checkout.revision().commit())) {
                continue;
            }
            reconcile(tenant, checkout, plan -> { }, clock.instant(), discover, Request.AGENT).ifPresent(passes::add);
        }
        return passes;
    }

    /**
     * With {@code onlyIfHere}, a tenant whose inventory does not name this node is skipped unrecorded;
     * one whose inventory cannot be read is recorded as invalid, since it may well be this node's.
     */
    private Optional<PassRecord> reconcile(String tenant, Checkout checkout, Consumer<Plan> planned, Instant started,
                                           boolean onlyIfHere, Request request) {
        TenantConfig config;
        try {
            config = TenantLoader.load(checkout.tree(), tenant);
        } catch (InvalidConfigException e) {
            return Optional.of(record(failure(tenant, checkout, PassStatus.INVALID, e.getMessage(), started)));
        } catch (SourceException e) {
            return Optional.of(record(failure(tenant, checkout, PassStatus.UNAVAILABLE, e.getMessage(), started)));
        }
        if (onlyIfHere && config.inventory().host(node).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(apply(config, checkout, planned, started, request));
    }

    private PassRecord apply(TenantConfig config, Checkout checkout, Consumer<Plan> planned, Instant started, Request request) {
        PassRecord result = null;
        String tenant = config.tenant();
        try {
            DesiredState desired = Renderer.render(config, node, checkout.revision(), settings.guardrails());
            StoreRecorder recorder = new StoreRecorder(store, tenant, node, checkout.revision().commit(), desired.containers().stream()
                    .collect(Collectors.toMap(DesiredContainer::component, DesiredContainer::containerName)), clock);
            List<StepResult> steps = new ArrayList<>(recover(tenant, recorder));
            List<String> notes = new ArrayList<>();
            Facts facts = facts(config, desired, notes);
            Plan plan = Planner.plan(desired, engine.observe(tenant), facts);
            planned.accept(plan);
            Optional<PassRecord> failedBefore = !request.retryFailed() && hasChanges(plan) ? failedBefore(tenant, checkout) : Optional.empty();
            if (failedBefore.isPresent()) {
                result = held(tenant, checkout, failedBefore.get(), started);
            } else {
                MaintenanceWindows windows = MaintenanceWindows.parse(host(config).vars().get(MaintenanceWindows.VARIABLE));
                boolean open = request.ignoreWindow() || windows.isOpen(clock.instant());
                Plan now = open ? plan : withoutChanges(plan);
                if (!now.isNoOp() && now.changes().stream().anyMatch(a -> !(a instanceof Action.Drift))) {
                    steps.addAll(applier.apply(now, recorder));
                }
                result = outcome(plan, steps, started, open ? null : windows, facts.selfHeal(), notes);
            }
        } catch (InvalidConfigException e) {
            result = failure(tenant, checkout, PassStatus.INVALID, e.getMessage(), started);
        } catch (EngineException e) {
            result = failure(tenant, checkout, PassStatus.UNAVAILABLE, e.getMessage(), started);
        } catch (RuntimeException e) {
            // A defect, not the input: one tenant's failure must not stop the others' passes.
            LOG.error("tenant {}: internal error during the pass", tenant, e);
            result = failure(tenant, checkout, PassStatus.FAILED, "internal error (" + e + "); see the agent's log", started);
        } finally {
            if (result == null) {
                result = failure(tenant, checkout, PassStatus.FAILED, "the pass was interrupted; see the agent's log", started);
            }
            if (result.status() != PassStatus.HELD) {
                record(result);
            }
        }
        return result;
    }

    private Host host(TenantConfig config) {
        return config.inventory().host(node).orElseThrow();
    }

    /** Whatever the registry, the store and the inventory tell the planner; a registry that does not answer is a note. */
    private Facts facts(TenantConfig config, DesiredState desired, List<String> notes) {
        Facts.SelfHeal selfHeal = Facts.SelfHeal.parse(host(config).vars().getOrDefault("mooring_self_heal", "heal"));
        Map<String, String> deployed = new LinkedHashMap<>();
        store.deployments(config.tenant(), node).forEach((component, d) -> deployed.put(component, d.containerId()));
        return new Facts(digests.current(desired, notes), deployed, selfHeal);
    }

    /** Finishes or undoes what a killed pass left half done, before anything is observed. */
    private List<StepResult> recover(String tenant, StoreRecorder recorder) {
        List<StepResult> results = new ArrayList<>();
        for (JournalRecord entry : store.journal(tenant, node)) {
            StepResult result = new RecoverStep(engine, recorder, new RecoverStep.Entry(entry.component(), entry.containerName(),
                    entry.step(), entry.newRef(), entry.oldId())).run();
            LOG.warn("tenant {}: {}", tenant, result);
            results.add(result);
        }
        return results;
    }

    private static boolean hasChanges(Plan plan) {
        return plan.changes().stream().anyMatch(a -> a.reason().kind() == Reason.Kind.CHANGE);
    }

    /** Outside the window: drift healing and cleanup go on, changes wait. */
    private static Plan withoutChanges(Plan plan) {
        return new Plan(plan.tenant(), plan.node(), plan.revision(), plan.actions().stream()
                .filter(a -> a.reason().kind() != Reason.Kind.CHANGE || a instanceof Action.Keep).toList());
    }

    private Optional<PassRecord> failedBefore(String tenant, Checkout checkout) {
        return store.last(tenant, node)
                .filter(last -> last.status() == PassStatus.FAILED && last.revision().equals(checkout.revision().commit()));
    }

    private PassRecord held(String tenant, Checkout checkout, PassRecord failed, Instant started) {
        String message = "revision " + checkout.revision().shortId() + " failed here at " + failed.finished() + " (" + failed.message()
                + "); it is not tried again until a new commit, or `mooring apply --tenant " + tenant + " --node " + node + "`";
        return new PassRecord(tenant, node, checkout.revision().commit(), PassStatus.HELD, message, List.of(), started, clock.instant());
    }

    private PassRecord failure(String tenant, Checkout checkout, PassStatus status, String message, Instant started) {
        return new PassRecord(tenant, node, checkout.revision().commit(), status, message, List.of(), started, clock.instant());
    }

    private PassRecord outcome(Plan plan, List<StepResult> steps, Instant started, MaintenanceWindows closed, Facts.SelfHeal selfHeal,
                               List<String> notes) {
        List<ActionRecord> actions = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        for (Action action : plan.actions()) {
            List<StepResult> own = steps.stream().filter(s -> s.component().equals(action.component())).toList();
            boolean waits = closed != null && action.reason().kind() == Reason.Kind.CHANGE && !(action instanceof Action.Keep);
            String outcome = waits ? "DEFERRED" : action instanceof Action.Drift ? "REPORTED"
                    : own.stream().anyMatch(StepResult::failed) ? "FAILED"
                    : own.stream().anyMatch(s -> s.outcome() == StepResult.Outcome.DONE) ? "DONE" : "SKIPPED";
            String message = own.isEmpty() ? "" : own.get(own.size() - 1).message();
            actions.add(new ActionRecord(action.component(), action.verb(), action.reason().toString(), outcome, message));
            if (waits) {
                deferred.add(action.verb() + " " + action.component());
            }
            // Under self_heal off, drift is in the plan for whoever reads it, but does not make the pass DRIFTED.
            if (action instanceof Action.Drift && selfHeal == Facts.SelfHeal.REPORT) {
                drift.add(action.component() + ": " + action.reason().detail());
            }
        }
        List<StepResult> failures = steps.stream().filter(StepResult::failed).toList();
        List<String> recovered = steps.stream().filter(s -> s.step().equals("recover")).map(StepResult::toString).toList();
        String note = notes.isEmpty() && recovered.isEmpty() ? "" : " (" + String.join("; ", concat(recovered, notes)) + ")";
        PassStatus status;
        String message;
        if (!failures.isEmpty()) {
            status = PassStatus.FAILED;
            message = String.join("; ", failures.stream().map(StepResult::toString).toList());
        } else if (!deferred.isEmpty()) {
            status = PassStatus.DEFERRED;
            message = deferred.size() + " change(s) wait for the maintenance window (" + closed + ")"
                    + closed.nextOpening(clock.instant()).map(t -> "; it next opens at " + t).orElse("") + ": " + String.join(", ", deferred);
        } else if (!drift.isEmpty()) {
            status = PassStatus.DRIFTED;
            message = "drift reported, not healed (mooring_self_heal: report): " + String.join("; ", drift);
        } else {
            status = PassStatus.CONVERGED;
            long applied = plan.changes().stream().filter(a -> !(a instanceof Action.Drift)).count();
            message = applied == 0 ? "nothing to do" : applied + " change(s) applied";
        }
        return new PassRecord(plan.tenant(), plan.node(), plan.revision().commit(), status, message + note, actions, started, clock.instant());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private PassRecord record(PassRecord pass) {
        store.record(pass);
        return pass;
    }
}
