package io.mooring.engine;

/** Another Mooring process holds the engine's lock and did not let go in time; nothing was done, a later try may. */
public class EngineBusyException extends EngineException {
    private final EngineLock.Holder holder;

    public EngineBusyException(EngineLock.Holder holder) {
        super("another Mooring is applying on this engine (" + holder + ")");
        this.holder = holder;
    }

    public EngineLock.Holder holder() {
        return holder;
    }
}
