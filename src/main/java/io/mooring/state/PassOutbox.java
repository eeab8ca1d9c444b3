package io.mooring.state;

/**
 * The passes a cluster node recorded in its own store and has not yet copied into the cluster's shared history: copied
 * in the order they were recorded, each once however often a copy is tried again, and no more than a bound of them kept
 * waiting while the shared database is away (the oldest go first; the node's own history keeps them).
 */
public interface PassOutbox {
    /**
     * Copies what waits, oldest first. A shared database that cannot be used is a {@link StateException}; what was
     * copied before it stays copied, and the rest waits for the next call.
     */
    Copied copy();

    /** What one {@link #copy} did: passes copied, passes given up past the bound, passes still waiting. */
    record Copied(int copied, int dropped, int waiting) {
    }
}
