package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.engine.NotFoundException;

/**
 * Finishes or undoes a component's rollout that a killed pass left half done, from its journal entry.
 * Before the new container proved healthy, the rollout is undone: the new container goes, the old one
 * gets its name back (it is moved aside while the new one warms up) and starts again, and the next plan
 * tries afresh. Once it was healthy, the swap is finished. A removal
 * is finished. Either way each engine call is one that is already done when repeated.
 */
public final class RecoverStep {
    private final Engine engine;
    private final RolloutRecorder recorder;
    private final Entry entry;

    /** A journal entry: the step about to be taken, the new container (id or name) and the old one's id. */
    public record Entry(String component, String containerName, String step, String newRef, String oldId) {
    }

    public RecoverStep(Engine engine, RolloutRecorder recorder, Entry entry) {
        this.engine = engine;
        this.recorder = recorder;
        this.entry = entry;
    }

    public StepResult run() {
        try {
            String did = switch (entry.step()) {
                case "healthy" -> finishSwap();
                case "removing" -> remove();
                default -> undo();
            };
            recorder.finished(entry.component());
            return StepResult.done(entry.component(), "recover", "a pass was interrupted at '" + entry.step() + "': " + did);
        } catch (EngineException e) {
            return StepResult.failed(entry.component(), "recover", "a pass was interrupted at '" + entry.step()
                    + "' and cannot be recovered yet: " + e.getMessage());
        }
    }

    private String undo() {
        String did = "nothing was left";
        if (!entry.newRef().isEmpty()) {
            engine.remove(entry.newRef());
            did = "removed the unproven new container";
        }
        if (!entry.oldId().isEmpty()) {
            try {
                engine.start(entry.oldId());
                engine.rename(entry.oldId(), entry.containerName());
                did += "; started the previous container again";
            } catch (NotFoundException gone) {
                did += "; the previous container is gone";
            }
        }
        return did;
    }

    private String finishSwap() {
        if (!entry.oldId().isEmpty()) {
            engine.stop(entry.oldId());
            engine.remove(entry.oldId());
        }
        try {
            engine.rename(entry.newRef(), entry.containerName());
        } catch (NotFoundException gone) {
            return "the new container is gone (" + gone.getMessage() + "); the plan creates the component again";
        }
        return "finished the swap to the healthy new container";
    }

    private String remove() {
        engine.stop(entry.oldId());
        engine.remove(entry.oldId());
        return "finished removing " + entry.oldId().substring(0, Math.min(12, entry.oldId().length()));
    }
}
