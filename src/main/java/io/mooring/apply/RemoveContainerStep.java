package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.model.ActionVerb;
import io.mooring.model.JournalStep;
import io.mooring.model.ObservedContainer;
import io.mooring.plan.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops and removes a container Mooring created. Its volumes are kept, unless the component is no longer
 * desired and its definition said {@code prune_volumes: true}; even then only volumes labelled as the tenant's, and
 * never one components.yml declared {@code external} (the operator made it, and may have labelled it as the tenant's).
 */
final class RemoveContainerStep {
    private final Engine engine;
    private final RolloutRecorder recorder;
    private final ObservedContainer current;
    private final Reason reason;

    RemoveContainerStep(Engine engine, RolloutRecorder recorder, ObservedContainer current, Reason reason) {
        this.engine = engine;
        this.recorder = recorder;
        this.current = current;
        this.reason = reason;
    }

    StepResult run() {
        boolean prune = reason.code() == Reason.Code.NOT_DESIRED;
        if (prune) {
            recorder.step(current.component(), JournalStep.REMOVING, "", "", current.id());
        }
        engine.stop(current.id(), owner());
        engine.remove(current.id(), owner());
        Faults.after("removed");
        List<String> pruned = new ArrayList<>();
        if (prune && current.pruneVolumes()) {
            for (String volume : current.volumes()) {
                if (!current.externalVolumes().contains(volume) && engine.removeVolume(volume, current.tenant())) {
                    pruned.add(volume);
                }
            }
        }
        if (prune) {
            recorder.removed(current.component());
            recorder.finished(current.component());
        }
        String volumes = pruned.isEmpty() ? " (volumes kept)" : " and its volumes " + pruned;
        return StepResult.done(current.component(), ActionVerb.REMOVE.word(), "removed " + current.name() + volumes);
    }

    /** Whose labels a container must carry for this step to act on it. */
    private Engine.Owner owner() {
        return new Engine.Owner(current.tenant(), current.component());
    }
}
