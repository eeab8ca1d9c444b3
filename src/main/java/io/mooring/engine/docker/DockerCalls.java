package io.mooring.engine.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.mooring.engine.EngineException;
import java.util.function.Supplier;

/** Runs engine calls for one engine, translating docker-java's exceptions into Mooring's. */
final class DockerCalls {
    private final String host;

    DockerCalls(String host) {
        this.host = host;
    }

    /** The engine's address, as error messages name it. */
    String host() {
        return host;
    }

    <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (NotFoundException e) {
            throw new NotFound(what, e);
        } catch (NotModifiedException e) {
            throw new AlreadyDone(what, e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            if (hasCause(e, java.io.IOException.class)) {
                throw new EngineException("cannot reach the Docker engine at " + host + " (" + what + "): " + DockerEngine.message(e)
                        + "; is dockerd running, and may this user use its socket?", e);
            }
            throw new EngineException(what + " on " + host + ": " + DockerEngine.message(e), e);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The object is gone: success for a removal, an error worth its name for anything else. */
    static final class NotFound extends io.mooring.engine.NotFoundException {
        NotFound(String what, Throwable cause) {
            super(what + ": not found (removed outside Mooring?); the next pass looks again", cause);
        }
    }

    /** The engine says the goal already holds (HTTP 304). */
    static final class AlreadyDone extends EngineException {
        AlreadyDone(String what, Throwable cause) {
            super(what + ": already done", cause);
        }
    }
}
