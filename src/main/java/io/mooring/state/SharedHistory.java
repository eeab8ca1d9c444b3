package io.mooring.state;

/**
 * The pass history every agent of a cluster writes into the shared database, pruned for the whole cluster by its
 * leader: each agent bounds its own as it records, but the history of a node that stopped reporting would stay.
 */
public interface SharedHistory {
    /** Keeps the newest {@code keep} passes of every tenant on every node, their actions with them; how many went. */
    int prune(int keep);
}
