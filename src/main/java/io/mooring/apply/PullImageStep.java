package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.ImageRef;
import java.util.Map;
import java.util.Optional;

/** Makes an image present locally before anything is stopped, and pins its tag to the digest it resolved to. */
final class PullImageStep {
    private final Engine engine;
    private final String component;
    private final ImageRef image;
    private final Map<ImageRef, String> pins;
    private final boolean refresh;

    /** With {@code refresh}, a tag that moved in its registry is pulled again even though an image of that tag is here. */
    PullImageStep(Engine engine, String component, ImageRef image, Map<ImageRef, String> pins, boolean refresh) {
        this.refresh = refresh;
        this.engine = engine;
        this.component = component;
        this.image = image;
        this.pins = pins;
    }

    StepResult run() {
        try {
            StepResult result;
            Optional<Engine.LocalImage> here = refresh ? Optional.empty() : engine.localImage(image);
            if (here.isPresent()) {
                result = StepResult.skipped(component, "pull", "image " + image + " already present: skipping pull");
            } else {
                engine.pull(image);
                here = engine.localImage(image);
                if (here.isEmpty()) {
                    return StepResult.failed(component, "pull", "the pull of " + image + " ended, but the engine does not have the image");
                }
                result = StepResult.done(component, "pull", (refresh ? "pulled the moved tag " : "pulled ") + image);
            }
            pins.put(image, here.map(Engine.LocalImage::digest).orElse(""));
            return result;
        } catch (EngineException e) {
            return StepResult.failed(component, "pull", "cannot pull " + image + ": " + e.getMessage());
        }
    }
}
