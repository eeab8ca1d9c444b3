package io.mooring.engine;

/** What was asked about (a container, image or volume) is not there: gone, for a removal that is success. */
public class NotFoundException extends EngineException {
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
