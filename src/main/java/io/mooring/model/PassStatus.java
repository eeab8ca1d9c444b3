package io.mooring.model;

/** How a reconcile pass ended, and so what happens next. */
public enum PassStatus {
    /** Everything runs as the revision says. */
    CONVERGED,
    /** A step failed; what ran before was put back. A person looks at the revision. */
    FAILED,
    /**
     * The pass broke in a way Mooring did not expect (a defect, an exhausted resource), or the round gave up waiting
     * for it after its budget: what it left is finished or undone by the next pass; the agent goes on with the others.
     */
    INTERNAL,
    /** The revision is invalid; nothing was touched. A person fixes the commit. */
    INVALID,
    /**
     * The revision is not signed by a key the tenant's signature policy allows; nothing was touched and
     * what runs stays as it is. A person signs the commit, or reverts it.
     */
    REFUSED,
    /**
     * Git or the engine could not be reached, a backup before an upgrade failed, or a host port the revision publishes is
     * held by another tenant; nothing was touched. The next pass retries (the revision is not held, as after FAILED).
     */
    UNAVAILABLE,
    /**
     * The revision failed on this node before and is not tried again by the agent, so that a broken
     * commit does not stop and start a tenant every interval. A new commit, or {@code mooring apply}, tries.
     */
    HELD,
    /**
     * Changes are planned but wait for the tenant's maintenance window; what runs was left as it is.
     * The pass in the window applies them.
     */
    DEFERRED,
    /**
     * Running containers differ from what Mooring deployed (stopped, removed, renamed or recreated by hand)
     * and the tenant's self-heal policy is report: the drift is told, not put right.
     */
    DRIFTED;

    /** The ends that say something went wrong with the tenant's revision or its host: what an operator looks at first. */
    public static final java.util.Set<PassStatus> FAILURES = java.util.EnumSet.of(FAILED, INTERNAL, INVALID, REFUSED, UNAVAILABLE);
}
