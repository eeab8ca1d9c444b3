package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.ImageRef;

/** Makes an image present locally before anything is stopped. */
final class PullImageStep {
    private final Engine engine;
    private final String component;
    private final ImageRef image;

    PullImageStep(Engine engine, String component, ImageRef image) {
        this.engine = engine;
        this.component = component;
        this.image = image;
    }

    StepResult run() {
        try {
            if (engine.hasImage(image)) {
                return StepResult.skipped(component, "pull", "image " + image + " already present: skipping pull");
            }
            engine.pull(image);
            return StepResult.done(component, "pull", "pulled " + image);
        } catch (EngineException e) {
            return StepResult.failed(component, "pull", "cannot pull " + image + ": " + e.getMessage());
        }
    }
}
