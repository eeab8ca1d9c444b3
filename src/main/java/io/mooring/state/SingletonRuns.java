package io.mooring.state;

import java.time.Instant;

/**
 * The slots of singleton jobs (a managed database's scheduled backup at one cron time), each claimed once for the
 * cluster under the leader's {@link Leadership.Term}. Every statement is conditional in the database on the term
 * still being the lease's, so that a paused ex-leader's work cannot commit after another node took over.
 */
public interface SingletonRuns {
    /** What a claim of a slot found. */
    enum Claim {
        /** This term runs the slot (a new one, one an older term left running, or one this node abandoned under it). */
        CLAIMED,
        /** The slot was run already, or is committing, under this term or another: nothing to do. */
        TAKEN,
        /** The term is no longer the lease's: this node does not lead any more. */
        FENCED
    }

    Claim claim(String job, Instant slot, Leadership.Term term);

    /**
     * The fence, asked right before the work commits (a backup's manifest): true when the term is still the
     * lease's and the slot still its, in one conditional statement that also marks the slot as committing, after
     * which no newer term takes it over.
     */
    boolean mayCommit(String job, Instant slot, Leadership.Term term);

    /**
     * Records how the slot's run ended ({@code done} only after {@link #mayCommit}; a failure only while the term
     * still holds the lease); false when the slot is no longer this term's, which is then said in the log by the caller.
     * A run the fence refused records nothing: the slot stays {@code running} for the next leader to take over.
     */
    boolean finished(String job, Instant slot, Leadership.Term term, boolean done, String message);

    /**
     * A node's claim of a slot of its own job (its scheduled backup of the database it runs), under its name and no
     * term ({@link #NODE_EPOCH}): the slot is the node's unless the leader, standing in for it, claimed it first. A slot
     * the node left running (a restart) is its again; one the leader runs or ran is {@link Claim#TAKEN}. A leader that
     * stands in takes over a slot the node left running, since a newer epoch takes over an older one.
     */
    Claim claimAsNode(String job, Instant slot, String node);

    /** The fence of a node's own slot: true when it is still the node's (not taken over by a leader standing in). */
    boolean mayCommitAsNode(String job, Instant slot, String node);

    /** Records how a node's own slot ended; false when it is no longer the node's. */
    boolean finishedAsNode(String job, Instant slot, String node, boolean done, String message);

    /** The epoch of a slot a node claimed under its own name, older than every leader's. */
    long NODE_EPOCH = 0;

    /** Forgets slots that started before {@code before}; how many. Done by the leader, for the whole cluster. */
    int forget(Instant before);
}
