package io.mooring.model;

import java.time.Duration;
import java.util.List;

/**
 * A job run to completion in the component's image, with its environment and volumes, when the
 * component is created or replaced: {@code BEFORE} the new container starts (a database migration),
 * or {@code AFTER} it is healthy (an admin password reset). A non-zero exit stops the rollout.
 */
public record Hook(String name, Stage stage, List<String> command, Duration timeout) {
    public enum Stage {
        BEFORE, AFTER;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Hook {
        command = List.copyOf(command);
    }
}
