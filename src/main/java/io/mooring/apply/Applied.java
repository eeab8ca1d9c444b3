package io.mooring.apply;

import io.mooring.plan.Action;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What applying a plan did: every step in the order taken, and the steps each action of the plan led to. A
 * step that served no single action (the disk check, a pull an earlier action made) belongs to none.
 */
public final class Applied {
    private final List<StepResult> steps = new ArrayList<>();
    private final Map<Action, List<StepResult>> byAction = new IdentityHashMap<>();

    public static Applied nothing() {
        return new Applied();
    }

    /** Adds a step that served {@code action} (null: the plan as a whole). */
    public Applied add(Action action, StepResult step) {
        steps.add(step);
        if (action != null) {
            byAction.computeIfAbsent(action, a -> new ArrayList<>()).add(step);
        }
        return this;
    }

    public List<StepResult> steps() {
        return List.copyOf(steps);
    }

    /** The steps {@code action} led to, in order; none for an action that was not carried out. */
    public List<StepResult> of(Action action) {
        return List.copyOf(byAction.getOrDefault(action, List.of()));
    }

    public boolean failed() {
        return steps.stream().anyMatch(StepResult::failed);
    }
}
