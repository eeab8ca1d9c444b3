package io.mooring.plan;

import io.mooring.model.ActionVerb;
import io.mooring.model.DesiredService;
import io.mooring.model.ObservedService;
import java.util.Optional;

/** One thing a pass does to one component of a tenant that runs on Docker Swarm: to its service. */
public sealed interface SwarmAction {
    String component();

    Reason reason();

    /** The verb; its word is how plans print it. */
    ActionVerb verb();

    /** The service as declared; empty for a removal. */
    Optional<DesiredService> target();

    /** The service as the swarm runs it; empty for a create. */
    Optional<ObservedService> observed();

    /**
     * How the service's last update ended when it did not complete (rolled back, paused), with Swarm's message; empty when
     * it completed, is under way, or there is no service.
     */
    default Optional<Reason> lastUpdateFailed() {
        return observed().flatMap(SwarmUpdateState::failed);
    }

    /** The reason, and how the last update ended when it failed and the reason does not already say so. */
    default String describe() {
        Optional<Reason> failed = lastUpdateFailed();
        return failed.isEmpty() || failed.get().equals(reason()) ? reason().toString() : reason() + " (" + failed.get() + ")";
    }

    /** A declared service the swarm does not have. */
    record Create(DesiredService desired, Reason reason) implements SwarmAction {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.CREATE;
        }

        @Override
        public Optional<DesiredService> target() {
            return Optional.of(desired);
        }

        @Override
        public Optional<ObservedService> observed() {
            return Optional.empty();
        }
    }

    /** A service given the declared spec in place; Swarm rolls its tasks over by its update policy. */
    record Update(DesiredService desired, ObservedService service, Reason reason) implements SwarmAction {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.UPDATE;
        }

        @Override
        public Optional<DesiredService> target() {
            return Optional.of(desired);
        }

        @Override
        public Optional<ObservedService> observed() {
            return Optional.of(service);
        }
    }

    /** A service of the tenant that is no longer declared, or a second one for a component. */
    record Remove(ObservedService service, Reason reason) implements SwarmAction {
        @Override
        public String component() {
            return service.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.REMOVE;
        }

        @Override
        public Optional<DesiredService> target() {
            return Optional.empty();
        }

        @Override
        public Optional<ObservedService> observed() {
            return Optional.of(service);
        }
    }

    /** A service changed outside Mooring that the tenant's self-heal policy says to show, not to put right. */
    record Drift(DesiredService desired, ObservedService service, Reason reason) implements SwarmAction {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.DRIFT;
        }

        @Override
        public Optional<DesiredService> target() {
            return Optional.of(desired);
        }

        @Override
        public Optional<ObservedService> observed() {
            return Optional.of(service);
        }
    }

    /**
     * A service left as it is: up to date, or whose last update failed while its labels say it runs the declared spec (the
     * reason says how it ended; Mooring does not set the same spec again).
     */
    record Keep(DesiredService desired, ObservedService service, Reason reason) implements SwarmAction {
        @Override
        public String component() {
            return desired.component();
        }

        @Override
        public ActionVerb verb() {
            return ActionVerb.KEEP;
        }

        @Override
        public Optional<DesiredService> target() {
            return Optional.of(desired);
        }

        @Override
        public Optional<ObservedService> observed() {
            return Optional.of(service);
        }
    }
}
