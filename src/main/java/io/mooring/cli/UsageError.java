package io.mooring.cli;

/** A command used the wrong way (a missing or unusable argument): exit 2, as for a bad option. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
