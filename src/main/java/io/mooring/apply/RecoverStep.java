package io.mooring.apply;

import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.engine.NotFoundException;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes or undoes a component's rollout that a killed pass left half done, from its journal entry.
 * Before the new container proved healthy, the rollout is undone: the new container goes, the old one
 * gets its name back (it is moved aside while the new one warms up) and starts again, and the next plan
 * tries afresh. Once it was healthy, the swap is finished. A removal is finished, and the component is
 * no longer recorded as deployed. Either way each engine call is one that is already done when repeated.
 * A step this version does not know is not guessed at: nothing is touched and a person is asked to look.
 */
public final class RecoverStep {
    private static final Logger LOG = LoggerFactory.getLogger(RecoverStep.class);
    private static final String STEP = "recover";

    private final Engine engine;
    private final RolloutRecorder recorder;
    private final JournalRecord entry;

    public RecoverStep(Engine engine, RolloutRecorder recorder, JournalRecord entry) {
        this.engine = engine;
        this.recorder = recorder;
        this.entry = entry;
    }

    public StepResult run() {
        if (entry.step() == JournalStep.UNKNOWN) {
            return unknownStep();
        }
        String at = "a pass was interrupted at '" + entry.storedStep() + "'";
        try {
            String did = switch (entry.step()) {
                case CREATING, CREATED, HOOK -> undo();
                case HEALTHY -> finishSwap();
                case REMOVING -> remove();
                case UNKNOWN -> throw new IllegalStateException("an unknown step is never recovered");
            };
            recorder.finished(entry.component());
            return StepResult.done(entry.component(), STEP, at + ": " + did);
        } catch (EngineException e) {
            return StepResult.failed(entry.component(), STEP, at + " and cannot be recovered yet: " + e.getMessage());
        }
    }

    /** The entry stays, so every pass says so again until a person has looked. */
    private StepResult unknownStep() {
        String message = "a pass was interrupted at a step this version of Mooring does not know ('" + entry.storedStep()
                + "', written " + entry.at() + " at revision " + entry.revision() + "); its containers are left as they are:"
                + " finish it with the version that wrote it, or put the containers right and delete the component's journal"
                + " entry from the state database";
        LOG.error("tenant {}, component {}: {}", entry.tenant(), entry.component(), message);
        return StepResult.failed(entry.component(), STEP, message);
    }

    private String undo() {
        String did = "nothing was left";
        if (!entry.newRef().isEmpty()) {
            stillRunning(entry.newRef());
            engine.remove(entry.newRef(), owner());
            did = "removed the unproven new container";
        }
        if (!entry.oldId().isEmpty()) {
            try {
                // A finished run of a component that runs once is kept as it ended: starting it would run it again.
                boolean runsOnce = engine.status(entry.oldId()).runsOnce();
                if (!runsOnce) {
                    engine.start(entry.oldId(), owner());
                }
                engine.rename(entry.oldId(), entry.containerName(), owner());
                did += runsOnce ? "; gave the previous run back its name, not run again" : "; started the previous container again";
            } catch (NotFoundException gone) {
                did += "; the previous container is gone";
            }
        }
        return did;
    }

    /** A run of a component that runs once is never cut short: the pass waits for it to end, a pass at a time. */
    private void stillRunning(String newRef) {
        try {
            ContainerStatus status = engine.status(newRef);
            if (status.runsOnce() && Set.of("created", "running", "restarting", "paused").contains(status.state())) {
                throw new EngineException(newRef + " runs once and still runs (" + status.state() + "); it is not cut short,"
                        + " and the next pass looks again");
            }
        } catch (NotFoundException gone) {
            // nothing left to wait for
        }
    }

    private String finishSwap() {
        if (!entry.oldId().isEmpty()) {
            engine.stop(entry.oldId(), owner());
            engine.remove(entry.oldId(), owner());
        }
        try {
            engine.rename(entry.newRef(), entry.containerName(), owner());
        } catch (NotFoundException gone) {
            return "the new container is gone (" + gone.getMessage() + "); the plan creates the component again";
        }
        return "finished the swap to the healthy new container";
    }

    private String remove() {
        engine.stop(entry.oldId(), owner());
        engine.remove(entry.oldId(), owner());
        // Else the planner would take the component, added back later, for a deployment removed by hand.
        recorder.removed(entry.component());
        return "finished removing " + entry.oldId().substring(0, Math.min(12, entry.oldId().length()));
    }

    /** Whose labels a container must carry for this step to act on it. */
    private Engine.Owner owner() {
        return new Engine.Owner(entry.tenant(), entry.component());
    }
}
