package io.mooring.cli;

/** A failure to report in its own words, without a stack trace: the input or the situation is at fault, not Mooring. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
