package io.mooring.plan;

import io.mooring.model.Revision;
import java.util.List;

/** Everything one pass will do for one tenant on one node, in the order it will do it. */
public record Plan(String tenant, String node, Revision revision, List<Action> actions) {
    public Plan {
        actions = List.copyOf(actions);
    }

    /** The actions that change something: all but keep. */
    public List<Action> changes() {
        return actions.stream().filter(a -> !(a instanceof Action.Keep)).toList();
    }

    public boolean isNoOp() {
        return changes().isEmpty();
    }
}
