package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.ObservedContainer;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replaces a container: the new one is created before the old one stops, so the gap is a stop and
 * a start; the old one is kept until the new one is healthy and put back if it is not. Volumes
 * survive: named ones by name, anonymous ones carried over to the same paths.
 */
final class ReplaceContainerStep {
    private final Engine engine;
    private final HealthGate gate;
    private final DesiredContainer desired;
    private final ObservedContainer current;
    private final String node;
    private final Revision revision;

    ReplaceContainerStep(Engine engine, HealthGate gate, DesiredContainer desired, ObservedContainer current,
                         String node, Revision revision) {
        this.engine = engine;
        this.gate = gate;
        this.desired = desired;
        this.current = current;
        this.node = node;
        this.revision = revision;
    }

    StepResult run() {
        String name = desired.containerName();
        String id = engine.create(desired, name + "-next", node, revision, carriedVolumes());
        engine.stop(current.id());
        engine.start(id);
        Optional<String> failure = gate.await(id);
        if (failure.isPresent()) {
            engine.remove(id);
            engine.start(current.id());
            return StepResult.failed(desired.component(), "replace", failure.get()
                    + "; rolled back to " + current.name() + " (" + current.image() + ")");
        }
        engine.rename(current.id(), name + "-old-" + current.shortId());
        engine.rename(id, name);
        engine.remove(current.id());
        return StepResult.done(desired.component(), "replace", "replaced " + current.image() + " with " + desired.image());
    }

    /** Anonymous volumes of the old container whose paths the new spec does not mount otherwise. */
    private List<VolumeMount> carriedVolumes() {
        Set<String> taken = desired.volumes().stream().map(VolumeMount::target).collect(Collectors.toSet());
        return engine.anonymousVolumes(current.id()).stream().filter(v -> !taken.contains(v.target())).toList();
    }
}
