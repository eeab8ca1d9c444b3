package io.mooring.model;

/** How a reconcile pass ended, and so what happens next. */
public enum PassStatus {
    /** Everything runs as the revision says. */
    CONVERGED,
    /** A step failed; what ran before was put back. A person looks at the revision. */
    FAILED,
    /** The revision is invalid; nothing was touched. A person fixes the commit. */
    INVALID,
    /** Git or the engine could not be reached; nothing was touched. The next pass retries. */
    UNAVAILABLE
}
