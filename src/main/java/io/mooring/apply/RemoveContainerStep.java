package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.model.ObservedContainer;

/** Stops and removes a container Mooring created; its volumes are kept. */
final class RemoveContainerStep {
    private final Engine engine;
    private final ObservedContainer current;

    RemoveContainerStep(Engine engine, ObservedContainer current) {
        this.engine = engine;
        this.current = current;
    }

    StepResult run() {
        engine.stop(current.id());
        engine.remove(current.id());
        return StepResult.done(current.component(), "remove", "removed " + current.name() + " (volumes kept)");
    }
}
