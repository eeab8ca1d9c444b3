package io.mooring.source;

/** The repository could not be fetched or the revision found; nothing was applied, a later pass retries. */
public final class SourceException extends RuntimeException {
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        super(message);
    }
}
