package io.mooring.leader;

import io.mooring.state.Leadership;
import io.mooring.state.SingletonRuns;
import io.mooring.state.StateException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a slot of a singleton job once for the cluster: only on the leader, only when the slot is claimed under its
 * term, with a {@link Fence} the work asks right before it commits, and the end recorded under the same term.
 */
public final class Singletons {
    private static final Logger LOG = LoggerFactory.getLogger(Singletons.class);

    /** The work of one slot: what it made (for the log and the record), given the fence to ask before committing. */
    @FunctionalInterface
    public interface Work {
        String run(Fence fence) throws Exception;
    }

    /** How a slot went here. */
    public enum Outcome { NOT_LEADER, TAKEN, FENCED, DONE, FAILED }

    /** What happened to a slot, and what the work said or why it failed. */
    public record Result(Outcome outcome, String message) {
    }

    private final Election election;
    private final SingletonRuns runs;

    public Singletons(Election election, SingletonRuns runs) {
        this.election = election;
        this.runs = runs;
    }

    /** The slots of {@code node}'s own jobs, claimed under its name against a leader that may stand in for it. */
    public NodeSlots forNode(String node) {
        return new NodeSlots(runs, node);
    }

    public boolean leads() {
        return election.leads();
    }

    public Result run(String job, Instant slot, Work work) {
        Optional<Leadership.Term> term = election.term();
        if (term.isEmpty()) {
            return new Result(Outcome.NOT_LEADER, "this node does not lead");
        }
        SingletonRuns.Claim claim;
        try {
            claim = runs.claim(job, slot, term.get());
        } catch (StateException e) {
            return new Result(Outcome.FAILED, "the state database is unavailable, the slot is not claimed: " + e.getMessage());
        }
        if (claim != SingletonRuns.Claim.CLAIMED) {
            return claim == SingletonRuns.Claim.TAKEN ? new Result(Outcome.TAKEN, "slot " + slot + " was run already")
                    : new Result(Outcome.FENCED, fenced(term.get()));
        }
        AtomicBoolean asked = new AtomicBoolean();
        AtomicBoolean refused = new AtomicBoolean();
        Fence fence = () -> {
            asked.set(true);
            Optional<String> refusal = refusal(job, slot, term);
            refused.set(refusal.isPresent());
            return refusal;
        };
        try {
            String made = work.run(fence);
            if (!asked.get() && fence.refusal().isPresent()) {
                // Work with nothing to commit at the end (idempotent, like pruning) is still recorded only under its term.
                throw new IllegalStateException(fenced(term.get()));
            }
            record(job, slot, term.get(), true, made);
            return new Result(Outcome.DONE, made);
        } catch (Exception e) {
            String why = String.valueOf(e.getMessage());
            if (refused.get()) {
                // Nothing is recorded: the slot stays running under this term, and the next leader takes it over.
                return new Result(Outcome.FENCED, why);
            }
            record(job, slot, term.get(), false, why);
            return new Result(Outcome.FAILED, why);
        }
    }

    /** Why the work may not commit now; a state database that cannot be asked refuses too (it cannot say yes). */
    private Optional<String> refusal(String job, Instant slot, Optional<Leadership.Term> term) {
        try {
            boolean current = election.term().equals(term) && runs.mayCommit(job, slot, term.get());
            return current ? Optional.empty() : Optional.of(fenced(term.get()));
        } catch (StateException e) {
            return Optional.of("the state database cannot confirm that node " + term.get().holder() + " still leads: " + e.getMessage());
        }
    }

    private void record(String job, Instant slot, Leadership.Term term, boolean done, String message) {
        try {
            if (!runs.finished(job, slot, term, done, message)) {
                LOG.warn("{} at {}: its end could not be recorded under epoch {}: this node no longer holds the lease", job, slot,
                        term.epoch());
            }
        } catch (StateException e) {
            LOG.warn("{} at {}: its end could not be recorded: {}", job, slot, e.getMessage());
        }
    }

    private static String fenced(Leadership.Term term) {
        return "node " + term.holder() + " no longer leads (its epoch " + term.epoch() + " is not the lease's any more): another node"
                + " may lead now and runs this slot";
    }
}
