package io.mooring.state;

/** The state database cannot be used: unreachable, or its schema cannot be brought up to date. Needs a person. */
public final class StateException extends RuntimeException {
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
