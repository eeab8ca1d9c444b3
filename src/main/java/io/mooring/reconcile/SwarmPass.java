package io.mooring.reconcile;

import io.mooring.apply.SwarmApplier;
import io.mooring.engine.SwarmEngine;
import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.DesiredService;
import io.mooring.model.DesiredState;
import io.mooring.model.Deployment;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.ObservedService;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.SwarmFile;
import io.mooring.model.TenantConfig;
import io.mooring.model.TenantNetwork;
import io.mooring.plan.Facts;
import io.mooring.plan.Reason;
import io.mooring.plan.SwarmAction;
import io.mooring.plan.SwarmPlan;
import io.mooring.plan.SwarmPlanner;
import io.mooring.render.SwarmServices;
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
 * One pass of a tenant that runs on Docker Swarm ({@code mooring_engine: swarm}), phase by phase: signature gate →
 * render its services → this node's engine a swarm manager? → observe the tenant's services and ask their images'
 * digests → plan → held? → window → apply as one unit (network, secrets and configs, each service followed; those
 * already changed put back when one fails) → secrets and configs no service names removed → outcome.
 */
final class SwarmPass {
    private final PassContext agent;
    private final PassStart pass;
    private final Checkout checkout;
    private final TenantConfig config;
    private final List<String> notes = new ArrayList<>();

    SwarmPass(PassContext agent, PassStart pass, Checkout checkout, TenantConfig config) {
        this.agent = agent;
        this.pass = pass;
        this.checkout = checkout;
        this.config = config;
    }

    /** Whether this tenant runs on a swarm. */
    static boolean applies(TenantConfig config) {
        return SwarmServices.swarm(config.inventory());
    }

    /**
     * Whether the agent of {@code node} acts for the tenant's services: the one of the inventory's host whose name sorts
     * first, so that one agent of the swarm's nodes does, whichever of them runs the tenant's tasks.
     */
    static boolean actsOn(TenantConfig config, String node) {
        return config.inventory().hostMap().keySet().stream().sorted().findFirst().map(node::equals).orElse(false);
    }

    /** What the pass works from once it has planned. */
    private record Planned(List<DesiredService> desired, SwarmEngine swarm, Map<String, String> digests, SwarmPlan plan) {
    }

    /** The pass when this node's agent acts for the tenant's services; UNAVAILABLE, changing nothing, when another's does. */
    PassRecord runIfActing(Reconciler.Request request, Consumer<SwarmPlan> observer) throws PassEnded {
        if (!actsOn(config, agent.node())) {
            throw new PassEnded(pass.ended(PassStatus.UNAVAILABLE, "tenant " + pass.tenant() + " runs on Docker Swarm, and the agent of "
                    + config.inventory().hostMap().keySet().stream().sorted().findFirst().orElse("?") + " acts for its services,"
                    + " not node " + agent.node()), false);
        }
        return run(request, observer);
    }

    PassRecord run(Reconciler.Request request, Consumer<SwarmPlan> observer) throws PassEnded {
        agent.gate().check(pass, checkout);
        Planned planned = plan();
        // No container of it runs here as such: the node's report lists its services instead.
        agent.accepted().put(pass.tenant(), new Reconciler.Accepted(checkout, config,
                new DesiredState(pass.tenant(), agent.node(), checkout.revision(), List.of())));
        List<DesiredService> desired = planned.desired();
        SwarmEngine swarm = planned.swarm();
        Map<String, String> digests = planned.digests();
        SwarmPlan plan = planned.plan();
        observer.accept(plan);
        HeldRevision.check(agent, pass, checkout, request, plan.changes().stream().anyMatch(a -> a.reason().kind() == Reason.Kind.CHANGE));
        Optional<MaintenanceWindows> closed = closedWindow(request);
        if (closed.isPresent() && plan.changes().stream().anyMatch(a -> a.reason().kind() == Reason.Kind.CHANGE)) {
            throw new PassEnded(pass.ended(PassStatus.DEFERRED, plan.changes().size() + " change(s) wait for the maintenance window ("
                    + closed.get() + "): " + plan.changes().stream().map(a -> a.verb() + " " + a.component()).collect(Collectors.joining(", "))));
        }
        SwarmApplier.Outcome outcome = new SwarmApplier(swarm, agent.settings().healthTimeout())
                .apply(pass.tenant(), pass.revision(), TenantNetwork.name(pass.tenant()), files(desired), changes(plan, digests),
                        removals(plan));
        if (!outcome.failed()) {
            swarm.pruneFiles(pass.tenant(), files(desired).stream().map(SwarmFile::name).collect(Collectors.toSet()));
        }
        remember(swarm);
        return record(plan, outcome);
    }

    /** The plan against the swarm, without applying or recording anything; why it cannot be made, as an error. */
    SwarmPlan preview() {
        try {
            return plan().plan();
        } catch (PassEnded ended) {
            throw new IllegalStateException(ended.pass().message(), ended);
        }
    }

    /** Render → a manager here? → observe the tenant's services and ask their images' digests → plan. */
    private Planned plan() throws PassEnded {
        List<DesiredService> desired = SwarmServices.render(config, checkout.revision(), agent.settings().guardrails());
        SwarmEngine swarm = manager();
        List<ObservedService> observed = swarm.services(pass.tenant());
        Map<String, String> digests = digests(desired);
        return new Planned(desired, swarm, digests,
                SwarmPlanner.plan(pass.tenant(), agent.node(), checkout.revision(), desired, observed, facts(digests)));
    }

    /** The tenant's services as this node's deployments, so that a tenant that leaves the repository is taken down. */
    private void remember(SwarmEngine swarm) {
        Map<String, Deployment> known = agent.store().deployments(pass.tenant(), agent.node());
        List<ObservedService> now = swarm.services(pass.tenant());
        for (ObservedService service : now) {
            Deployment was = known.get(service.component());
            if (was == null || !was.containerId().equals(service.id()) || !was.specHash().equals(service.specHash())) {
                agent.store().deployed(new Deployment(pass.tenant(), agent.node(), service.component(), service.id(), service.image(),
                        service.digest(), service.specHash(), service.revision(), agent.clock().instant()));
            }
        }
        Set<String> running = now.stream().map(ObservedService::component).collect(Collectors.toSet());
        known.keySet().stream().filter(c -> !running.contains(c)).forEach(c -> agent.store().undeployed(pass.tenant(), agent.node(), c));
    }

    /** The swarm this node's engine manages; the pass is UNAVAILABLE, changing nothing, when it manages none. */
    private SwarmEngine manager() throws PassEnded {
        Optional<SwarmEngine> swarm = agent.engine().swarm();
        if (swarm.isEmpty() || !swarm.get().manager()) {
            throw new PassEnded(pass.ended(PassStatus.UNAVAILABLE, "tenant " + pass.tenant() + " runs on Docker Swarm (mooring_engine:"
                    + " swarm), and node " + agent.node() + "'s engine is not a manager of an active swarm; run `docker swarm init`"
                    + " there, or name a manager's node first among the inventory's hosts"));
        }
        return swarm.get();
    }

    /** Each declared image's registry digest; a tag the registry cannot be asked about ends the pass UNAVAILABLE. */
    private Map<String, String> digests(List<DesiredService> desired) throws PassEnded {
        Map<String, String> digests = new LinkedHashMap<>(agent.digests().ask(desired.stream().map(DesiredService::image).toList(), checkout)
                .await(desired.stream().map(s -> s.image().reference()).collect(Collectors.toSet()), notes));
        for (DesiredService service : desired) {
            if (service.image().digest() != null) {
                digests.put(service.image().reference(), service.image().digest());
            } else if (!digests.containsKey(service.image().reference())) {
                throw new PassEnded(pass.ended(PassStatus.UNAVAILABLE, service.component() + ": " + String.join("; ", notes)
                        + "; a Swarm service is given its image pinned to a digest, so nothing was changed"));
            }
        }
        return digests;
    }

    private Facts facts(Map<String, String> digests) {
        String policy = config.inventory().hostMap().values().stream().findFirst()
                .map(h -> h.vars().getOrDefault("mooring_self_heal", "heal")).orElse("heal");
        return new Facts(digests, Map.of(), Facts.SelfHeal.parse(policy));
    }

    private Optional<MaintenanceWindows> closedWindow(Reconciler.Request request) {
        String text = config.inventory().hostMap().values().stream().findFirst().map(h -> h.vars().get(MaintenanceWindows.VARIABLE))
                .orElse(null);
        MaintenanceWindows windows = MaintenanceWindows.parse(text);
        return request.ignoreWindow() || windows.isOpen(agent.clock().instant()) ? Optional.empty() : Optional.of(windows);
    }

    private static List<SwarmFile> files(List<DesiredService> desired) {
        Map<String, SwarmFile> byName = new LinkedHashMap<>();
        desired.forEach(s -> s.files().forEach(f -> byName.putIfAbsent(f.name(), f)));
        return List.copyOf(byName.values());
    }

    private static List<SwarmApplier.Change> changes(SwarmPlan plan, Map<String, String> digests) {
        List<SwarmApplier.Change> changes = new ArrayList<>();
        for (SwarmAction action : plan.changes()) {
            if (action instanceof SwarmAction.Create || action instanceof SwarmAction.Update) {
                DesiredService want = action.target().orElseThrow();
                String digest = digests.get(want.image().reference());
                changes.add(new SwarmApplier.Change(want, action.observed(), pinned(want, digest), digest, action.describe()));
            }
        }
        return changes;
    }

    /** The image as written, with the digest the plan resolved. */
    private static String pinned(DesiredService service, String digest) {
        return service.image().digest() != null ? service.image().reference() : service.image().reference() + "@" + digest;
    }

    private static List<SwarmApplier.Removal> removals(SwarmPlan plan) {
        return plan.changes().stream().filter(a -> a instanceof SwarmAction.Remove)
                .map(a -> new SwarmApplier.Removal(a.observed().orElseThrow(), a.describe())).toList();
    }

    private PassRecord record(SwarmPlan plan, SwarmApplier.Outcome outcome) {
        List<ActionRecord> actions = new ArrayList<>(outcome.actions());
        List<String> drift = new ArrayList<>();
        for (SwarmAction action : plan.actions()) {
            if (action instanceof SwarmAction.Drift) {
                actions.add(new ActionRecord(action.component(), action.verb(), action.describe(), ActionOutcome.REPORTED, ""));
                drift.add(action.component() + ": " + action.reason().detail());
            }
        }
        // An update Swarm paused (Mooring was stopped while it followed one, say) leaves a mix of old and new tasks.
        List<String> paused = plan.actions().stream().filter(a -> a instanceof SwarmAction.Keep
                && (a.reason().code() == Reason.Code.UPDATE_PAUSED || a.reason().code() == Reason.Code.ROLLBACK_PAUSED))
                .map(a -> a.component() + ": " + a.reason()).toList();
        PassStatus status;
        String message;
        if (outcome.failed()) {
            status = PassStatus.FAILED;
            message = outcome.failure().get();
        } else if (!paused.isEmpty()) {
            status = PassStatus.FAILED;
            message = "Swarm paused an update: " + String.join("; ", paused) + "; resume or roll it back (docker service rollback),"
                    + " or commit a change";
        } else if (!drift.isEmpty()) {
            status = PassStatus.DRIFTED;
            message = "drift reported, not healed (mooring_self_heal: report): " + String.join("; ", drift);
        } else {
            status = PassStatus.CONVERGED;
            long done = outcome.actions().size();
            message = done == 0 ? PassRecord.NOTHING_TO_DO : done + " change(s) applied";
        }
        String said = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
        return new PassRecord(pass.tenant(), agent.node(), pass.revision(), status, message + said, actions, pass.started(),
                agent.clock().instant());
    }
}
