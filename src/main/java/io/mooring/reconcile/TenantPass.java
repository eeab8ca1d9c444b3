package io.mooring.reconcile;

import io.mooring.apply.Applied;
import io.mooring.apply.StepResult;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Host;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.ObservedState;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import io.mooring.plan.Action;
import io.mooring.plan.Facts;
import io.mooring.plan.Plan;
import io.mooring.plan.Planner;
import io.mooring.plan.Reason;
import io.mooring.render.Renderer;
import io.mooring.source.Checkout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One tenant's pass at one revision of its loaded configuration, phase by phase: signature gate → render →
 * recover → secrets and configs delivered → observe and plan → held? → window → host ports free (claimed)? → backup first →
 * apply → unused files removed → outcome. A phase that ends the pass
 * throws {@link PassEnded} with why; the orchestrator records what the pass ended with.
 */
final class TenantPass {
    private final PassContext agent;
    private final PassStart pass;
    private final Checkout checkout;
    private final TenantConfig config;
    private final List<String> notes = new ArrayList<>();

    /** The plan, and what the planner was told besides the desired and observed state. */
    /** {@code heldElsewhere}: why another node's container on this engine keeps this pass from acting (see ObservedState). */
    record Planned(Plan plan, Facts facts, Optional<String> heldElsewhere) {
    }

    /** The part of the plan the maintenance window lets through now, and the window when it is closed. */
    record Window(Plan now, Optional<MaintenanceWindows> closed) {
    }

    TenantPass(PassContext agent, PassStart pass, Checkout checkout, TenantConfig config) {
        this.agent = agent;
        this.pass = pass;
        this.checkout = checkout;
        this.config = config;
    }

    PassRecord run(Reconciler.Request request, Consumer<Plan> observer) throws PassEnded {
        agent.gate().check(pass, checkout);
        DesiredState desired = render();
        agent.accepted().put(pass.tenant(), new Reconciler.Accepted(checkout, config, desired));
        StoreRecorder recorder = recorder(desired);
        RegistryDigests.Pending asked = agent.digests().ask(desired, checkout);
        List<StepResult> recovered = Recovery.run(agent, pass, recorder);
        Set<String> written = FileDelivery.deliver(agent.engine(), desired);
        Planned planned = observeAndPlan(desired, asked, Optional.of(written));
        observer.accept(planned.plan());
        if (planned.heldElsewhere().isPresent()) {
            throw new PassEnded(pass.ended(PassStatus.UNAVAILABLE, planned.heldElsewhere().get()));
        }
        HeldRevision.check(agent, pass, checkout, request,
                planned.plan().changes().stream().anyMatch(a -> a.reason().kind() == Reason.Kind.CHANGE));
        Window window = window(planned.plan(), request);
        try (HostPorts.Claimed claimed = portsFree(window.now())) {
            backupFirst(desired, window.now());
            Applied applied = agent.applier().apply(window.now(), recorder);
            if (!applied.failed()) {
                UnusedNetworks.prune(agent.engine(), desired, window.now(), notes);
            }
            FileDelivery.prune(agent.engine(), desired, notes);
            return new PassOutcome(planned.plan(), recovered, applied, window.closed(), planned.facts().selfHeal(), notes)
                    .record(pass.started(), agent.clock().instant());
        }
    }

    /** The plan against the local engine, without recovering, applying or recording anything. */
    Plan preview() {
        DesiredState desired = render();
        return observeAndPlan(desired, agent.digests().ask(desired, checkout), Optional.empty()).plan();
    }

    /** What the revision renders to here, the tenant's certificate given to the containers that ask for it. */
    private DesiredState render() {
        return agent.certificates().attach(Renderer.render(config, agent.node(), checkout.revision(), agent.settings().guardrails()),
                config, checkout.tree());
    }

    /** The tenant's desired state here at an earlier commit this agent deployed, when it is still fetched and renders. */
    private Optional<DesiredState> renderedAt(String commit) {
        try {
            return agent.source().fetched(commit).map(tree -> Renderer.render(TenantLoader.load(tree, pass.tenant()), agent.node(),
                    new Revision(commit, ""), agent.settings().guardrails()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private StoreRecorder recorder(DesiredState desired) {
        return new StoreRecorder(agent.store(), pass.tenant(), agent.node(), pass.revision(), desired.containers().stream()
                .collect(Collectors.toMap(DesiredContainer::component, DesiredContainer::containerName)), agent.clock());
    }

    /** {@code written}: the files this pass put back, whose containers it starts again first; empty: a preview, which starts none. */
    private Planned observeAndPlan(DesiredState desired, RegistryDigests.Pending asked, Optional<Set<String>> written) {
        ObservedState all = agent.engine().observe(pass.tenant());
        ObservedState observed = all.onNode(agent.node());
        if (written.isPresent() && FileDelivery.restart(agent.engine(), desired, observed, written.get(), this::renderedAt, notes)) {
            all = agent.engine().observe(pass.tenant());
            observed = all.onNode(agent.node());
        }
        Facts facts = facts(asked.await(observed.images(), notes));
        Optional<String> heldElsewhere = all.heldByAnotherNode(agent.node(),
                desired.containers().stream().map(DesiredContainer::component).toList());
        return new Planned(Planner.plan(desired, observed, facts), facts, heldElsewhere);
    }

    /** Whatever the registry, the store and the inventory tell the planner. */
    private Facts facts(Map<String, String> registryDigests) {
        Facts.SelfHeal selfHeal = Facts.SelfHeal.parse(host().vars().getOrDefault("mooring_self_heal", "heal"));
        Map<String, String> deployed = new LinkedHashMap<>();
        agent.store().deployments(pass.tenant(), agent.node()).forEach((component, d) -> deployed.put(component, d.containerId()));
        return new Facts(registryDigests, deployed, selfHeal);
    }

    /** Outside the tenant's maintenance window, drift healing and cleanup go on and changes wait. */
    private Window window(Plan plan, Reconciler.Request request) {
        MaintenanceWindows windows = MaintenanceWindows.parse(host().vars().get(MaintenanceWindows.VARIABLE));
        if (request.ignoreWindow() || windows.isOpen(agent.clock().instant())) {
            return new Window(plan, Optional.empty());
        }
        return new Window(new Plan(plan.tenant(), plan.node(), plan.revision(), plan.actions().stream()
                .filter(a -> a.reason().kind() != Reason.Kind.CHANGE || a instanceof Action.Keep).toList()), Optional.of(windows));
    }

    /**
     * A host port another tenant's container holds, or another tenant's pass under way has claimed, ends the pass
     * UNAVAILABLE before anything is pulled, stopped or created: not held like a FAILED revision, since the other tenant
     * may be letting it go (one commit handing the port over), the next pass tries again. Otherwise the ports are this
     * pass's until it ends.
     */
    private HostPorts.Claimed portsFree(Plan now) throws PassEnded {
        HostPorts.Claimed claimed = HostPorts.claim(pass.tenant(), now, agent.engine()::publishedPorts, agent.ports());
        if (claimed.taken().isPresent()) {
            throw new PassEnded(pass.ended(PassStatus.UNAVAILABLE, claimed.taken().get()));
        }
        return claimed;
    }

    /** The backup the tenant asks for before an upgrade; the pass ends UNAVAILABLE, changing nothing, when it fails. */
    private void backupFirst(DesiredState desired, Plan now) throws PassEnded {
        if (agent.backups().isEmpty()) {
            return;
        }
        Optional<String> waiting = UpgradeBackup.first(agent.backups().get(), config, desired, now, agent.settings().guardrails(), notes);
        if (waiting.isPresent()) {
            throw new PassEnded(pass.ended(PassStatus.UNAVAILABLE, waiting.get()));
        }
    }

    private Host host() {
        return config.inventory().host(agent.node()).orElseThrow();
    }
}
