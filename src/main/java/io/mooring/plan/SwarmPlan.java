package io.mooring.plan;

import io.mooring.model.Revision;
import java.util.List;

/**
 * Everything one pass will do to one tenant's services on a swarm, in the order it will do it.
 *
 * @param manager the node whose agent plans it, through the swarm manager it talks to
 */
public record SwarmPlan(String tenant, String manager, Revision revision, List<SwarmAction> actions) {
    public SwarmPlan {
        actions = List.copyOf(actions);
    }

    /** The actions that change something: all but keep. */
    public List<SwarmAction> changes() {
        return actions.stream().filter(a -> !(a instanceof SwarmAction.Keep)).toList();
    }

    public boolean isNoOp() {
        return changes().isEmpty();
    }

    /**
     * The services whose last update failed (rolled back or paused): a keep when they run what is declared, so that the
     * same spec is not set again silently, or an update to a newer one. The reconcile layer tells them apart from a
     * revision it holds.
     */
    public List<SwarmAction> failedUpdates() {
        return actions.stream().filter(a -> a.lastUpdateFailed().isPresent()).toList();
    }
}
