package io.mooring.reconcile;

import io.mooring.apply.Applier;
import io.mooring.apply.RecoverStep;
import io.mooring.apply.StepResult;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.JournalRecord;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.ObservedState;
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
import io.mooring.source.CommitSignature;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
    private final TenantBackups backups;
    private volatile Fetched fetched;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    /** A tenant's revision that a pass acted on (signed, when its policy requires it), and its config at that revision. */
    public record Accepted(Checkout checkout, TenantConfig config) {
    }

    /**
     * Per tenant of this node, the revision passes last acted on: what scheduled backups follow. A revision refused
     * by the signature policy never gets here; the tenant keeps its last good one.
     */
    public Map<String, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    /** The newest revision fetched from the repository, and when. */
    public record Fetched(String revision, String subject, Instant at) {
    }

    /** What the loop fetched last; empty before its first fetch. */
    public Optional<Fetched> fetched() {
        return Optional.ofNullable(fetched);
    }

    /** Verified signatures by commit: a commit's signature does not change. */
    private final Map<String, CommitSignature> signatures = new java.util.concurrent.ConcurrentHashMap<>();

    /** How the agent rolls out: its guardrails, health timeout, parallelism, disk floor and registry check interval. */
    public record Settings(Guardrails guardrails, Duration healthTimeout, int parallelism, long minFreeDiskBytes,
                           Duration registryCheckInterval, SignaturePolicy signatures) {
        public Settings(Guardrails guardrails, Duration healthTimeout, int parallelism, long minFreeDiskBytes, Duration registryCheckInterval) {
            this(guardrails, healthTimeout, parallelism, minFreeDiskBytes, registryCheckInterval, SignaturePolicy.OFF);
        }

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
        this(source, engine, store, node, clock, settings, null);
    }

    /** With {@code backups}, a tenant that asks for a backup before an upgrade gets it, and its upgrade waits for it. */
    public Reconciler(GitSource source, Engine engine, StateStore store, String node, Clock clock, Settings settings, TenantBackups backups) {
        this.backups = backups;
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
        RegistryDigests.Pending asked = digests.ask(desired, checkout);
        ObservedState observed = engine.observe(tenant);
        return Planner.plan(desired, observed, facts(config, asked.await(observed.images(), new ArrayList<>())));
    }

    public List<PassRecord> reconcileAll(List<String> tenants, String ref) {
        return reconcileAll(tenants, ref, (tenant, revision) -> false);
    }

    /**
     * Reconciles the given tenants, or, when none are given, every tenant of the repository whose
     * inventory names this node, and every tenant this agent deployed here that the repository no longer
     * runs here (its containers are removed, volumes kept), all at one fetched revision. {@code skip} is
     * asked once for every tenant, with a key of what its desired state is read from at this revision
     * (equal keys: the same desired state); a tenant it skips is neither observed nor recorded.
     */
    public List<PassRecord> reconcileAll(List<String> tenants, String ref, BiPredicate<String, String> skip) {
        return reconcileAll(tenants, ref, skip, tenant -> false);
    }

    /** As above; a tenant for which {@code retry} says so is applied even at a revision that failed here (a person asked). */
    public List<PassRecord> reconcileAll(List<String> tenants, String ref, BiPredicate<String, String> skip, Predicate<String> retry) {
        Instant started = clock.instant();
        Checkout checkout;
        try {
            checkout = source.checkout(ref);
        } catch (SourceException e) {
            List<String> names = tenants.isEmpty() ? List.of("*") : tenants;
            return names.stream().map(t -> record(new PassRecord(t, node, "", PassStatus.UNAVAILABLE, e.getMessage(),
                    List.of(), started, clock.instant()))).toList();
        }
        fetched = new Fetched(checkout.revision().commit(), checkout.revision().subject(), clock.instant());
        boolean discover = tenants.isEmpty();
        Set<String> inRepository = new TreeSet<>(discover ? TenantLoader.tenants(checkout.tree()) : tenants);
        Set<String> deployedHere = discover ? store.deployedTenants(node) : Set.of();
        Set<String> names = new TreeSet<>(inRepository);
        names.addAll(deployedHere);
        List<PassRecord> passes = new ArrayList<>();
        for (String tenant : names) {
            boolean quiet = skip.test(tenant, key(checkout, tenant, inRepository.contains(tenant)));
            boolean retried = retry.test(tenant);
            if (quiet && !retried) {
                continue;
            }
            Instant now = clock.instant();
            if (!inRepository.contains(tenant)) {
                passes.add(departed(tenant, checkout, now, "its folder is no longer in the repository"));
                continue;
            }
            reconcile(tenant, checkout, plan -> { }, now, discover, retried ? Request.EXPLICIT : Request.AGENT)
                    .or(() -> deployedHere.contains(tenant)
                            ? Optional.of(departed(tenant, checkout, now, "its inventory no longer names node " + node)) : Optional.empty())
                    .ifPresent(passes::add);
        }
        return passes;
    }

    /** What the tenant's desired state is read from at this revision: the Git ids of its sources when known, else the commit. */
    private static String key(Checkout checkout, String tenant, boolean present) {
        if (!present) {
            return "absent@" + checkout.revision().commit();
        }
        return checkout.tree().fingerprint(TenantLoader.sources(checkout.tree(), tenant)).orElse(checkout.revision().commit());
    }

    /**
     * A tenant this agent deployed here that the revision no longer runs here: its containers are removed,
     * their volumes kept unless their definition said prune_volumes. Only what this agent deployed is touched.
     */
    private PassRecord departed(String tenant, Checkout checkout, Instant started, String why) {
        // Taking a tenant down is acting on the revision as much as applying it.
        Optional<PassRecord> refused = refusal(tenant, checkout, started);
        if (refused.isPresent()) {
            return refused.get();
        }
        accepted.remove(tenant);
        PassRecord result = null;
        try {
            StoreRecorder recorder = new StoreRecorder(store, tenant, node, checkout.revision().commit(), Map.of(), clock);
            List<StepResult> steps = new ArrayList<>(recover(tenant, recorder));
            Plan plan = Planner.plan(new DesiredState(tenant, node, checkout.revision(), List.of()), engine.observe(tenant),
                    new Facts(Map.of(), Map.of(), Facts.SelfHeal.HEAL));
            if (!plan.isNoOp() && steps.stream().noneMatch(StepResult::failed)) {
                steps.addAll(applier.apply(plan, recorder));
            }
            if (steps.stream().noneMatch(StepResult::failed)) {
                store.deployments(tenant, node).keySet().forEach(component -> store.undeployed(tenant, node, component));
            }
            result = outcome(plan, steps, started, null, Facts.SelfHeal.HEAL,
                    List.of("tenant " + tenant + " no longer runs on node " + node + ": " + why + "; its containers are removed, volumes kept"));
        } catch (EngineException e) {
            result = failure(tenant, checkout, PassStatus.UNAVAILABLE, e.getMessage(), started);
        } finally {
            if (result == null) {
                result = failure(tenant, checkout, PassStatus.FAILED, "the pass was interrupted; see the agent's log", started);
            }
            record(result);
        }
        return result;
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
        Optional<PassRecord> refused = refusal(tenant, checkout, started);
        if (refused.isPresent()) {
            return refused;
        }
        accepted.put(tenant, new Accepted(checkout, config));
        return Optional.of(apply(config, checkout, planned, started, request));
    }

    /** The refusal of the revision when the tenant's policy requires a signature it does not have; empty when it may be acted on. */
    private Optional<PassRecord> refusal(String tenant, Checkout checkout, Instant started) {
        if (!settings.signatures().requires(tenant)) {
            return Optional.empty();
        }
        try {
            return unsigned(tenant, checkout, started);
        } catch (SourceException e) {
            return Optional.of(record(failure(tenant, checkout, PassStatus.UNAVAILABLE, e.getMessage(), started)));
        }
    }

    /**
     * A refusal when the revision is not signed by an allowed key: nothing is applied and what runs stays. A
     * refusal already recorded for this revision is not recorded again every interval.
     */
    private Optional<PassRecord> unsigned(String tenant, Checkout checkout, Instant started) {
        String commit = checkout.revision().commit();
        CommitSignature signature = signatures.computeIfAbsent(commit, c -> source.signature(c, settings.signatures()));
        if (signatures.size() > 64) {
            signatures.keySet().removeIf(c -> !c.equals(commit));
        }
        if (signature.verified()) {
            return Optional.empty();
        }
        PassRecord refused = failure(tenant, checkout, PassStatus.REFUSED, "revision " + checkout.revision().shortId() + " is refused: "
                + signature + "; the tenant's policy requires commits signed by a key the agent allows (git.signatures);"
                + " nothing was applied and what runs stays as it is", started);
        boolean told = store.last(tenant, node).filter(last -> last.status() == PassStatus.REFUSED && last.revision().equals(commit))
                .isPresent();
        return Optional.of(told ? refused : record(refused));
    }

    private PassRecord apply(TenantConfig config, Checkout checkout, Consumer<Plan> planned, Instant started, Request request) {
        PassRecord result = null;
        String tenant = config.tenant();
        try {
            DesiredState desired = Renderer.render(config, node, checkout.revision(), settings.guardrails());
            StoreRecorder recorder = new StoreRecorder(store, tenant, node, checkout.revision().commit(), desired.containers().stream()
                    .collect(Collectors.toMap(DesiredContainer::component, DesiredContainer::containerName)), clock);
            RegistryDigests.Pending asked = digests.ask(desired, checkout);
            List<StepResult> steps = new ArrayList<>(recover(tenant, recorder));
            List<StepResult> unrecovered = steps.stream().filter(StepResult::failed).toList();
            if (!unrecovered.isEmpty()) {
                // What runs is half swapped: planning now could take an unproven container for the current one.
                result = failure(tenant, checkout, PassStatus.UNAVAILABLE, String.join("; ", unrecovered.stream().map(StepResult::toString).toList())
                        + "; nothing else is done for this tenant until that is finished or undone", started);
                return result;
            }
            ObservedState observed = engine.observe(tenant);
            List<String> notes = new ArrayList<>();
            Facts facts = facts(config, asked.await(observed.images(), notes));
            Plan plan = Planner.plan(desired, observed, facts);
            planned.accept(plan);
            Optional<PassRecord> failedBefore = !request.retryFailed() && hasChanges(plan) ? failedBefore(tenant, checkout) : Optional.empty();
            if (failedBefore.isPresent()) {
                result = held(tenant, checkout, failedBefore.get(), started);
            } else {
                MaintenanceWindows windows = MaintenanceWindows.parse(host(config).vars().get(MaintenanceWindows.VARIABLE));
                boolean open = request.ignoreWindow() || windows.isOpen(clock.instant());
                Plan now = open ? plan : withoutChanges(plan);
                Optional<String> waiting = Optional.empty();
                if (!now.isNoOp() && now.changes().stream().anyMatch(a -> !(a instanceof Action.Drift))) {
                    waiting = UpgradeBackup.first(backups, config, node, now, settings.guardrails(), notes);
                    if (waiting.isEmpty()) {
                        steps.addAll(applier.apply(now, recorder));
                    }
                }
                result = waiting.isPresent() ? failure(tenant, checkout, PassStatus.UNAVAILABLE, waiting.get(), started)
                        : outcome(plan, steps, started, open ? null : windows, facts.selfHeal(), notes);
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

    /** Whatever the registry, the store and the inventory tell the planner. */
    private Facts facts(TenantConfig config, Map<String, String> registryDigests) {
        Facts.SelfHeal selfHeal = Facts.SelfHeal.parse(host(config).vars().getOrDefault("mooring_self_heal", "heal"));
        Map<String, String> deployed = new LinkedHashMap<>();
        store.deployments(config.tenant(), node).forEach((component, d) -> deployed.put(component, d.containerId()));
        return new Facts(registryDigests, deployed, selfHeal);
    }

    /** Finishes or undoes what a killed pass left half done, before anything is observed. */
    private List<StepResult> recover(String tenant, StoreRecorder recorder) {
        List<StepResult> results = new ArrayList<>();
        for (JournalRecord entry : store.journal(tenant, node)) {
            StepResult result = new RecoverStep(engine, recorder, entry).run();
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
                + "); it is not tried again until a new commit, a retry (POST /api/tenants/" + tenant + "/retry) or `mooring apply"
                + " --tenant " + tenant + " --node " + node + "`";
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
            ActionOutcome outcome = waits ? ActionOutcome.DEFERRED : action instanceof Action.Drift ? ActionOutcome.REPORTED
                    : own.stream().anyMatch(StepResult::failed) ? ActionOutcome.FAILED
                    : own.stream().anyMatch(s -> s.outcome() == StepResult.Outcome.DONE) ? ActionOutcome.DONE : ActionOutcome.SKIPPED;
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
