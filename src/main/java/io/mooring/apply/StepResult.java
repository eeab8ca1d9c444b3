package io.mooring.apply;

/** What one step did, in a sentence. */
public record StepResult(String component, String step, Outcome outcome, String message) {
    public enum Outcome { DONE, SKIPPED, FAILED }

    static StepResult done(String component, String step, String message) {
        return new StepResult(component, step, Outcome.DONE, message);
    }

    static StepResult skipped(String component, String step, String message) {
        return new StepResult(component, step, Outcome.SKIPPED, message);
    }

    static StepResult failed(String component, String step, String message) {
        return new StepResult(component, step, Outcome.FAILED, message);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    @Override
    public String toString() {
        return component + ": " + message;
    }
}
