package io.mooring.model;

/** One line of a pass's history: what was done to a component, why, and how it went. */
public record ActionRecord(String component, String verb, String reason, String outcome, String message) {
}
