package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
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
 * a start; the old one is kept until the new one is healthy, and started again whatever goes
 * wrong before that. Volumes survive: named ones by name, anonymous ones carried over to the same paths.
 * A container that already runs this spec under another name (an interrupted replace) is renamed.
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
        if (current.specHash().equals(desired.specHash()) && current.running()) {
            engine.rename(current.id(), name);
            return StepResult.done(desired.component(), "replace", "renamed " + current.name() + " to " + name);
        }
        String id = engine.create(desired, name + "-next-" + desired.specHash().substring(0, 12), node, revision, carriedVolumes());
        Optional<String> failure;
        try {
            engine.stop(current.id());
            engine.start(id);
            failure = gate.await(id);
        } catch (EngineException | IllegalStateException e) {
            failure = Optional.of(e.getMessage());
        }
        if (failure.isPresent()) {
            return rollBack(id, failure.get());
        }
        engine.rename(current.id(), name + "-old-" + current.shortId());
        engine.rename(id, name);
        engine.remove(current.id());
        return StepResult.done(desired.component(), "replace", "replaced " + current.image() + " with " + desired.image());
    }

    /**
     * Clears the new container away (it may hold the host ports), then starts the previous one
     * again whatever happened to the removal.
     */
    private StepResult rollBack(String newId, String failure) {
        String leftover = "";
        try {
            engine.remove(newId);
        } catch (EngineException e) {
            leftover = "; the failed new container is left for the next pass to remove (" + e.getMessage() + ")";
        }
        String restored = "rolled back to " + current.name() + " (" + current.image() + ")";
        try {
            engine.start(current.id());
        } catch (EngineException e) {
            restored = "could not start " + current.name() + " again: " + e.getMessage() + "; the next pass retries";
        }
        return StepResult.failed(desired.component(), "replace", failure + "; " + restored + leftover);
    }

    /** Anonymous volumes of the old container whose paths the new spec does not give a named volume or bind mount. */
    private List<VolumeMount> carriedVolumes() {
        Set<String> taken = desired.volumes().stream()
                .filter(v -> v.kind() != VolumeMount.Kind.ANONYMOUS)
                .map(VolumeMount::target).collect(Collectors.toSet());
        return engine.anonymousVolumes(current.id()).stream().filter(v -> !taken.contains(v.target())).toList();
    }
}
