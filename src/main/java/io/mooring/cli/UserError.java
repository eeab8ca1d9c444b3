package io.mooring.cli;

/**
 * A failure to report in its own words, without a stack trace: the input or the situation is at fault,
 * not Mooring. The exit code is 1 unless said otherwise.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, 1);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
