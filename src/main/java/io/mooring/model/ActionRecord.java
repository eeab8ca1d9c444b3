package io.mooring.model;

/** One line of a pass's history: what was done to a component, why, and how it went. */
public record ActionRecord(String component, ActionVerb verb, String reason, ActionOutcome outcome, String message) {
}
