package io.mooring.model;

import java.util.Objects;

/** One line of a pass's history: what was done to a component, why, and how it went. */
public record ActionRecord(String component, ActionVerb verb, String reason, ActionOutcome outcome, String message) {
    /**
     * As a record's own, written out: the generated one is made of method handles at its first call (some 30 ms of a
     * command that records a pass with nothing to do, which asks whether it repeats the one before).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ActionRecord a && Objects.equals(component, a.component) && verb == a.verb
                && Objects.equals(reason, a.reason) && outcome == a.outcome && Objects.equals(message, a.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(component, verb, reason, outcome, message);
    }
}
