package io.mooring.model;

/** How one planned action of a pass went; stored and shown by name. */
public enum ActionOutcome {
    /** It was carried out. */
    DONE,
    /** Nothing needed doing, or it was not started because something it comes after failed. */
    SKIPPED,
    FAILED,
    /** A change that waits for the tenant's maintenance window. */
    DEFERRED,
    /** Drift that was told, not put right (self-heal report or off). */
    REPORTED
}
