package io.mooring.reconcile;

import io.mooring.apply.Applier;
import io.mooring.apply.StepResult;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ActionRecord;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.TenantConfig;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import io.mooring.plan.Planner;
import io.mooring.render.Renderer;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.source.SourceException;
import io.mooring.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass: fetch → read → render → observe → plan → apply → record. The pass is always
 * recorded, whatever happens; an invalid revision or an unreachable Git or engine touches nothing.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final GitSource source;
    private final Engine engine;
    private final StateStore store;
    private final String node;
    private final Applier applier;
    private final Clock clock;

    private final Guardrails guardrails;

    public Reconciler(GitSource source, Engine engine, StateStore store, String node, Duration healthTimeout, Clock clock) {
        this(source, engine, store, node, healthTimeout, clock, Guardrails.defaults());
    }

    public Reconciler(GitSource source, Engine engine, StateStore store, String node, Duration healthTimeout, Clock clock,
                      Guardrails guardrails) {
        this.guardrails = guardrails;
        this.source = source;
        this.engine = engine;
        this.store = store;
        this.node = node;
        this.applier = new Applier(engine, healthTimeout);
        this.clock = clock;
    }

    /** Reconciles one tenant at {@code ref} (null: the default branch); {@code planned} sees the plan before it is applied. */
    public PassRecord reconcile(String tenant, String ref, Consumer<Plan> planned) {
        Instant started = clock.instant();
        Checkout checkout;
        try {
            checkout = source.checkout(ref);
        } catch (SourceException e) {
            return record(new PassRecord(tenant, node, "", PassStatus.UNAVAILABLE, e.getMessage(), List.of(), started, clock.instant()));
        }
        return reconcile(tenant, checkout, planned, started);
    }

    /**
     * Reconciles the given tenants, or, when none are given, every tenant of the repository whose
     * inventory names this node, all at one fetched revision.
     */
    public List<PassRecord> reconcileAll(List<String> tenants, String ref) {
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
            reconcile(tenant, checkout, plan -> { }, clock.instant(), discover, true).ifPresent(passes::add);
        }
        return passes;
    }

    /** An explicit request: a revision that failed before is tried again. */
    private PassRecord reconcile(String tenant, Checkout checkout, Consumer<Plan> planned, Instant started) {
        return reconcile(tenant, checkout, planned, started, false, false).orElseThrow();
    }

    /**
     * With {@code onlyIfHere}, a tenant whose inventory does not name this node is skipped unrecorded;
     * one whose inventory cannot be read is recorded as invalid, since it may well be this node's.
     */
    private Optional<PassRecord> reconcile(String tenant, Checkout checkout, Consumer<Plan> planned, Instant started,
                                           boolean onlyIfHere, boolean holdFailed) {
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
        return Optional.of(apply(config, checkout, planned, started, holdFailed));
    }

    /** With {@code holdFailed}, a revision whose last pass here failed is planned but not applied again, nor recorded. */
    private PassRecord apply(TenantConfig config, Checkout checkout, Consumer<Plan> planned, Instant started, boolean holdFailed) {
        PassRecord result = null;
        try {
            DesiredState desired = Renderer.render(config, node, checkout.revision(), guardrails);
            Plan plan = Planner.plan(desired, engine.observe(config.tenant()));
            planned.accept(plan);
            Optional<PassRecord> failedBefore = holdFailed && !plan.isNoOp() ? failedBefore(config.tenant(), checkout) : Optional.empty();
            if (failedBefore.isPresent()) {
                result = held(config.tenant(), checkout, failedBefore.get(), started);
            } else {
                List<StepResult> steps = plan.isNoOp() ? List.of() : applier.apply(plan);
                result = outcome(plan, steps, started);
            }
        } catch (InvalidConfigException e) {
            result = failure(config.tenant(), checkout, PassStatus.INVALID, e.getMessage(), started);
        } catch (EngineException e) {
            result = failure(config.tenant(), checkout, PassStatus.UNAVAILABLE, e.getMessage(), started);
        } catch (RuntimeException e) {
            // A defect, not the input: one tenant's failure must not stop the others' passes.
            LOG.error("tenant {}: internal error during the pass", config.tenant(), e);
            result = failure(config.tenant(), checkout, PassStatus.FAILED, "internal error (" + e + "); see the agent's log", started);
        } finally {
            if (result == null) {
                result = failure(config.tenant(), checkout, PassStatus.FAILED, "the pass was interrupted; see the agent's log", started);
            }
            if (result.status() != PassStatus.HELD) {
                record(result);
            }
        }
        return result;
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

    private PassRecord outcome(Plan plan, List<StepResult> steps, Instant started) {
        List<ActionRecord> actions = new ArrayList<>();
        for (Action action : plan.actions()) {
            List<StepResult> own = steps.stream().filter(s -> s.component().equals(action.component())).toList();
            String outcome = own.stream().anyMatch(StepResult::failed) ? "FAILED"
                    : own.stream().anyMatch(s -> s.outcome() == StepResult.Outcome.DONE) ? "DONE" : "SKIPPED";
            String message = own.isEmpty() ? "" : own.get(own.size() - 1).message();
            actions.add(new ActionRecord(action.component(), action.verb(), action.reason().toString(), outcome, message));
        }
        List<StepResult> failures = steps.stream().filter(StepResult::failed).toList();
        PassStatus status = failures.isEmpty() ? PassStatus.CONVERGED : PassStatus.FAILED;
        String message = failures.isEmpty()
                ? (plan.isNoOp() ? "nothing to do" : plan.changes().size() + " change(s) applied")
                : String.join("; ", failures.stream().map(StepResult::toString).toList());
        return new PassRecord(plan.tenant(), plan.node(), plan.revision().commit(), status, message, actions, started, clock.instant());
    }

    private PassRecord record(PassRecord pass) {
        store.record(pass);
        return pass;
    }
}
