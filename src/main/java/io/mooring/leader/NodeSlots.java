package io.mooring.leader;

import io.mooring.state.SingletonRuns;
import io.mooring.state.StateException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a slot of a node's own job (its scheduled backup of the database it runs) only once it is claimed under the
 * node's name, with a {@link Fence} asked before it commits: the leader may stand in for a node that is down, and the
 * claim decides which of the two makes the slot, whatever the race when the node comes back. A claim the state
 * database cannot answer runs nothing ({@link Singletons.Outcome#NOT_LEADER}, asked again later): a slot made here
 * without a claim could be made by the leader too.
 */
public final class NodeSlots {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSlots.class);

    private final SingletonRuns runs;
    private final String node;

    public NodeSlots(SingletonRuns runs, String node) {
        this.runs = runs;
        this.node = node;
    }

    public Singletons.Result run(String job, Instant slot, Singletons.Work work) {
        SingletonRuns.Claim claim;
        try {
            claim = runs.claimAsNode(job, slot, node);
        } catch (StateException e) {
            return new Singletons.Result(Singletons.Outcome.NOT_LEADER, "the state database does not answer, the slot is not"
                    + " claimed (the leader may stand in for this node): it is asked again later: " + e.getMessage());
        }
        if (claim != SingletonRuns.Claim.CLAIMED) {
            return new Singletons.Result(Singletons.Outcome.TAKEN, "slot " + slot + " was claimed by the cluster's leader, standing in"
                    + " for node " + node + " while it was down");
        }
        Fence fence = () -> {
            try {
                return runs.mayCommitAsNode(job, slot, node) ? java.util.Optional.empty()
                        : java.util.Optional.of("the cluster's leader took slot " + slot + " over, standing in for node " + node);
            } catch (StateException e) {
                return java.util.Optional.of("the state database cannot confirm that slot " + slot + " is still node " + node
                        + "'s: " + e.getMessage());
            }
        };
        try {
            String made = work.run(fence);
            record(job, slot, true, made);
            return new Singletons.Result(Singletons.Outcome.DONE, made);
        } catch (Exception e) {
            String why = String.valueOf(e.getMessage());
            record(job, slot, false, why);
            return new Singletons.Result(Singletons.Outcome.FAILED, why);
        }
    }

    private void record(String job, Instant slot, boolean done, String message) {
        try {
            if (!runs.finishedAsNode(job, slot, node, done, message)) {
                LOG.warn("{} at {}: its end could not be recorded: the slot is no longer node {}'s", job, slot, node);
            }
        } catch (StateException e) {
            LOG.warn("{} at {}: its end could not be recorded: {}", job, slot, e.getMessage());
        }
    }
}
