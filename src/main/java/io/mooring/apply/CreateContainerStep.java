package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Revision;
import java.util.List;
import java.util.Optional;

/** Creates and starts a container that does not exist; one that does not become healthy is removed again. */
final class CreateContainerStep {
    private final Engine engine;
    private final HealthGate gate;
    private final DesiredContainer desired;
    private final String node;
    private final Revision revision;

    CreateContainerStep(Engine engine, HealthGate gate, DesiredContainer desired, String node, Revision revision) {
        this.engine = engine;
        this.gate = gate;
        this.desired = desired;
        this.node = node;
        this.revision = revision;
    }

    StepResult run() {
        String id = engine.create(desired, desired.containerName(), node, revision, List.of());
        Optional<String> failure;
        try {
            engine.start(id);
            failure = gate.await(id);
        } catch (EngineException | IllegalStateException e) {
            failure = Optional.of(e.getMessage());
        }
        if (failure.isPresent()) {
            engine.remove(id);
            return StepResult.failed(desired.component(), "create", failure.get() + "; removed " + desired.containerName());
        }
        return StepResult.done(desired.component(), "create", "created " + desired.containerName() + " from " + desired.image());
    }
}
