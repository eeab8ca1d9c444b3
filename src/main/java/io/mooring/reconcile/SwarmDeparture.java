package io.mooring.reconcile;

import io.mooring.engine.EngineException;
import io.mooring.engine.SwarmEngine;
import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.ObservedService;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.source.Checkout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Swarm tenant this agent deployed that the revision no longer runs, phase by phase: signature gate → its services
 * removed → its secrets and configs removed → its overlay networks removed → its deployments forgotten → outcome. Its
 * volumes stay on the nodes its tasks ran on; nothing without the tenant's labels is touched.
 */
final class SwarmDeparture {
    private final PassContext agent;
    private final PassStart pass;
    private final Checkout checkout;

    SwarmDeparture(PassContext agent, PassStart pass, Checkout checkout) {
        this.agent = agent;
        this.pass = pass;
        this.checkout = checkout;
    }

    /** The swarm the tenant's services run on, when this node's engine manages one and the tenant has services there. */
    static Optional<SwarmEngine> holding(PassContext agent, String tenant) {
        return agent.engine().swarm().filter(SwarmEngine::manager).filter(s -> !s.services(tenant).isEmpty());
    }

    PassRecord run(SwarmEngine swarm, String why) throws PassEnded {
        agent.gate().check(pass, checkout);
        agent.accepted().remove(pass.tenant());
        List<ActionRecord> actions = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ObservedService service : swarm.services(pass.tenant())) {
            try {
                swarm.remove(service);
                actions.add(new ActionRecord(service.component(), ActionVerb.REMOVE, "no longer desired", ActionOutcome.DONE, "removed"));
            } catch (EngineException e) {
                failures.add(service.component() + ": " + e.getMessage());
                actions.add(new ActionRecord(service.component(), ActionVerb.REMOVE, "no longer desired", ActionOutcome.FAILED, e.getMessage()));
            }
        }
        List<String> notes = new ArrayList<>(List.of("tenant " + pass.tenant() + " no longer runs on the swarm of node " + agent.node()
                + ": " + why + "; its services, secrets, configs and networks are removed, volumes kept"));
        if (failures.isEmpty()) {
            swarm.pruneFiles(pass.tenant(), Set.of());
            List<String> removed = swarm.removeNetworks(pass.tenant());
            removed.forEach(n -> notes.add("network " + n + " removed"));
            agent.store().deployments(pass.tenant(), agent.node()).keySet()
                    .forEach(component -> agent.store().undeployed(pass.tenant(), agent.node(), component));
        }
        PassStatus status = failures.isEmpty() ? PassStatus.CONVERGED : PassStatus.FAILED;
        String message = (failures.isEmpty() ? actions.size() + " change(s) applied" : String.join("; ", failures))
                + " (" + String.join("; ", notes) + ")";
        return new PassRecord(pass.tenant(), agent.node(), pass.revision(), status, message, actions, pass.started(), agent.clock().instant());
    }
}
