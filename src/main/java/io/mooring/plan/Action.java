package io.mooring.plan;

import io.mooring.model.ActionVerb;
import io.mooring.model.DesiredContainer;
import io.mooring.model.ObservedContainer;
import java.util.Optional;

/** One thing a pass does to one component. */
public sealed interface Action {
    String component();

    Reason reason();

    /** The verb; its word is how plans print it. */
    ActionVerb verb();

    /** The container this action leads to; empty for a removal. */
    default Optional<DesiredContainer> target() {
        if (this instanceof Create c) {
            return Optional.of(c.desired());
        }
        if (this instanceof Replace r) {
            return Optional.of(r.desired());
        }
        return this instanceof Keep k ? Optional.of(k.desired()) : Optional.empty();
    }

    record Create(DesiredContainer desired, Reason reason) implements Action {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.CREATE;
        }
    }

    record Replace(DesiredContainer desired, ObservedContainer current, Reason reason) implements Action {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.REPLACE;
        }
    }

    record Remove(ObservedContainer current, Reason reason) implements Action {
        @Override
        public String component() {
            return current.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.REMOVE;
        }
    }

    /** Drift that the tenant's self-heal policy says to show, not to put right; {@code current} is null when removed. */
    record Drift(DesiredContainer desired, ObservedContainer current, Reason reason) implements Action {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.DRIFT;
        }
    }

    record Keep(DesiredContainer desired, ObservedContainer current, Reason reason) implements Action {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.KEEP;
        }
    }
}
