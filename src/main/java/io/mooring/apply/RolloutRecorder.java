package io.mooring.apply;

import io.mooring.model.DesiredContainer;
import io.mooring.model.JournalStep;

/**
 * Where a rollout writes what it is about to do, before it does it, so that a pass killed at any step
 * can be finished or undone by the next one; and what it deployed, so that drift can be told apart.
 */
public interface RolloutRecorder {
    /**
     * The step about to be taken on a component; {@code detail} is the hook's name for a hook step, else empty;
     * {@code newId} and {@code oldId} may be empty.
     */
    void step(String component, JournalStep step, String detail, String newId, String oldId);

    /** The component's rollout is over, done or undone: nothing is left to recover. */
    void finished(String component);

    /** The container that now runs the component, and the digest its image was pinned to. */
    void deployed(DesiredContainer desired, String containerId, String digest);

    /** The component no longer runs here. */
    void removed(String component);

    RolloutRecorder NONE = new RolloutRecorder() {
        @Override
        public void step(String component, JournalStep step, String detail, String newId, String oldId) {
        }

        @Override
        public void finished(String component) {
        }

        @Override
        public void deployed(DesiredContainer desired, String containerId, String digest) {
        }

        @Override
        public void removed(String component) {
        }
    };
}
