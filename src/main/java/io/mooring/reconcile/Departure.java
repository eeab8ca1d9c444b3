package io.mooring.reconcile;

import io.mooring.apply.Applied;
import io.mooring.apply.StepResult;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredState;
import io.mooring.model.PassRecord;
import io.mooring.model.TenantNetwork;
import io.mooring.plan.Facts;
import io.mooring.plan.Plan;
import io.mooring.plan.Planner;
import io.mooring.source.Checkout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pass of a tenant this agent deployed here that the revision no longer runs here, phase by phase:
 * signature gate → recover → observe and plan an empty desired state → apply → forget its deployments →
 * outcome. Its containers are removed, their volumes kept unless their definition said prune_volumes, and its network
 * once none of its containers is left, and the certificate it had here is no longer shown (nor kept unsealed); only what
 * this agent deployed is touched.
 */
final class Departure {
    private final PassContext agent;
    private final PassStart pass;
    private final Checkout checkout;

    Departure(PassContext agent, PassStart pass, Checkout checkout) {
        this.agent = agent;
        this.pass = pass;
        this.checkout = checkout;
    }

    PassRecord run(String why) throws PassEnded {
        // Taking a tenant down is acting on the revision as much as applying it.
        agent.gate().check(pass, checkout);
        agent.accepted().remove(pass.tenant());
        StoreRecorder recorder = new StoreRecorder(agent.store(), pass.tenant(), agent.node(), pass.revision(), Map.of(), agent.clock());
        List<StepResult> recovered = Recovery.run(agent, pass, recorder);
        Plan plan = Planner.plan(new DesiredState(pass.tenant(), agent.node(), checkout.revision(), List.of()),
                agent.engine().observe(pass.tenant()).onNode(agent.node()), new Facts(Map.of(), Map.of(), Facts.SelfHeal.HEAL));
        Applied applied = agent.applier().apply(plan, recorder);
        List<String> notes = new ArrayList<>(List.of("tenant " + pass.tenant() + " no longer runs on node " + agent.node() + ": " + why
                + "; its containers are removed, volumes kept"));
        if (!applied.failed()) {
            agent.store().deployments(pass.tenant(), agent.node()).keySet()
                    .forEach(component -> agent.store().undeployed(pass.tenant(), agent.node(), component));
            agent.certificates().forget(pass.tenant());
            removeNetwork(notes);
        }
        // Whatever is left of the tenant keeps the files it mounts; the rest of its secrets go now.
        FileDelivery.prune(agent.engine(), new DesiredState(pass.tenant(), agent.node(), checkout.revision(), List.of()), notes);
        return new PassOutcome(plan, recovered, applied, Optional.empty(), Facts.SelfHeal.HEAL, notes)
                .record(pass.started(), agent.clock().instant());
    }

    /** The tenant's networks go once none of its containers is left; what keeps one is said, and the pass still converges. */
    private void removeNetwork(List<String> notes) {
        List<String> all = new ArrayList<>(List.of(TenantNetwork.name(pass.tenant())));
        try {
            all.addAll(agent.engine().composeNetworks(pass.tenant()));
        } catch (EngineException e) {
            notes.add("the tenant's networks of components.yml are kept: " + e.getMessage());
        }
        all.forEach(network -> removeNetwork(network, notes));
    }

    /** A network is the engine's: kept while any node's container of the tenant on this engine is still there. */
    private void removeNetwork(String network, List<String> notes) {
        try {
            if (!agent.engine().observe(pass.tenant()).containers().isEmpty()) {
                notes.add("network " + network + " is kept: a container of the tenant is still here");
            } else if (agent.engine().removeNetwork(network, pass.tenant())) {
                notes.add("network " + network + " removed");
            }
        } catch (EngineException e) {
            notes.add("network " + network + " is kept: " + e.getMessage());
        }
    }
}
