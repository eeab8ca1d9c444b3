package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.ImageRef;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a plan: every image is pulled first, and if any pull fails nothing is stopped; then
 * each action in order, stopping at the first failure so that a broken revision goes no further.
 */
public final class Applier {
    private final Engine engine;
    private final HealthGate gate;

    public Applier(Engine engine, Duration healthTimeout) {
        this.engine = engine;
        this.gate = new HealthGate(engine, healthTimeout);
    }

    public List<StepResult> apply(Plan plan) {
        List<StepResult> results = new ArrayList<>(pullAll(plan));
        if (results.stream().anyMatch(StepResult::failed)) {
            results.add(StepResult.skipped("*", "apply", "nothing was stopped or changed because an image could not be pulled"));
            return results;
        }
        for (Action action : plan.actions()) {
            List<StepResult> step = run(plan, action);
            results.addAll(step);
            if (step.stream().anyMatch(StepResult::failed)) {
                break;
            }
        }
        return results;
    }

    private List<StepResult> pullAll(Plan plan) {
        Map<ImageRef, String> images = new LinkedHashMap<>();
        for (Action action : plan.actions()) {
            action.target().filter(d -> !(action instanceof Action.Keep))
                    .ifPresent(d -> images.putIfAbsent(d.image(), d.component()));
        }
        List<StepResult> results = new ArrayList<>();
        images.forEach((image, component) -> results.add(new PullImageStep(engine, component, image).run()));
        return results;
    }

    private List<StepResult> run(Plan plan, Action action) {
        try {
            if (action instanceof Action.Create create) {
                return List.of(new EnsureVolumesStep(engine, create.desired()).run(),
                        new CreateContainerStep(engine, gate, create.desired(), plan.node(), plan.revision()).run());
            }
            if (action instanceof Action.Replace replace) {
                return List.of(new EnsureVolumesStep(engine, replace.desired()).run(),
                        new ReplaceContainerStep(engine, gate, replace.desired(), replace.current(), plan.node(), plan.revision()).run());
            }
            if (action instanceof Action.Remove remove) {
                return List.of(new RemoveContainerStep(engine, remove.current()).run());
            }
            return List.of(StepResult.skipped(action.component(), "keep", action.reason().toString()));
        } catch (EngineException e) {
            return List.of(StepResult.failed(action.component(), action.verb(), e.getMessage()));
        }
    }
}
