package io.mooring.reconcile;

import io.mooring.apply.Applied;
import io.mooring.apply.StepResult;
import io.mooring.model.DesiredState;
import io.mooring.model.PassRecord;
import io.mooring.plan.Facts;
import io.mooring.plan.Plan;
import io.mooring.plan.Planner;
import io.mooring.source.Checkout;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pass of a tenant this agent deployed here that the revision no longer runs here, phase by phase:
 * signature gate → recover → observe and plan an empty desired state → apply → forget its deployments →
 * outcome. Its containers are removed, their volumes kept unless their definition said prune_volumes; only
 * what this agent deployed is touched.
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
                agent.engine().observe(pass.tenant()), new Facts(Map.of(), Map.of(), Facts.SelfHeal.HEAL));
        Applied applied = agent.applier().apply(plan, recorder);
        if (!applied.failed()) {
            agent.store().deployments(pass.tenant(), agent.node()).keySet()
                    .forEach(component -> agent.store().undeployed(pass.tenant(), agent.node(), component));
        }
        return new PassOutcome(plan, recovered, applied, Optional.empty(), Facts.SelfHeal.HEAL, List.of("tenant "
                + pass.tenant() + " no longer runs on node " + agent.node() + ": " + why + "; its containers are removed, volumes kept"))
                .record(pass.started(), agent.clock().instant());
    }
}
