package io.mooring.engine;

/** The engine refused or did not answer; what was running stays as it was, a later pass retries. */
public class EngineException extends RuntimeException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        super(message);
    }
}
