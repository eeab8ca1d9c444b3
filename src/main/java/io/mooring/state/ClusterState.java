package io.mooring.state;

import io.mooring.model.NodeReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the agents of a cluster share through their one state database: each node's last heartbeat and who holds the
 * singleton lease. Every failure is a {@link StateException}.
 */
public interface ClusterState {
    /** Writes (or overwrites) the node's one row; the database stamps it with its own clock. */
    void heartbeat(NodeReport report);

    /** Every node's last heartbeat, the leader (the holder of a singleton lease that has not run out) and the database's now. */
    Snapshot read();

    /**
     * Forgets a node: its heartbeat goes, and any lease it holds ends now (the row stays, with its epoch, so that fencing tokens
     * keep growing); false when there was nothing to forget.
     */
    boolean forget(String node);

    /** The cluster as the database holds it at {@code now}, by the database's clock. */
    record Snapshot(List<NodeReport> nodes, Optional<String> leader, Instant now) {
        public Snapshot {
            nodes = List.copyOf(nodes);
        }
    }
}
