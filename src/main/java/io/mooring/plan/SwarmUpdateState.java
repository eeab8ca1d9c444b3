package io.mooring.plan;

import io.mooring.model.ObservedService;
import io.mooring.plan.Reason.Code;
import java.util.Objects;
import java.util.Optional;

/** What Swarm's word for a service's last update ({@code UpdateStatus.State}) means to a plan. */
final class SwarmUpdateState {
    private SwarmUpdateState() {
    }

    /** An update or its rollback is rolling tasks over now: the tasks are a mix of the old and the new spec. */
    static boolean underWay(ObservedService service) {
        return switch (state(service)) {
            case "updating", "rollback_started" -> true;
            default -> false;
        };
    }

    /** The last update failed: Swarm rolled it back, or paused it or its rollback; the detail is Swarm's message. */
    static Optional<Reason> failed(ObservedService service) {
        Code code = switch (state(service)) {
            case "rollback_completed" -> Code.UPDATE_ROLLED_BACK;
            case "paused" -> Code.UPDATE_PAUSED;
            case "rollback_paused" -> Code.ROLLBACK_PAUSED;
            default -> null;
        };
        return code == null ? Optional.empty() : Optional.of(Reason.of(code, Objects.requireNonNullElse(service.updateMessage(), "").strip()));
    }

    private static String state(ObservedService service) {
        return Objects.requireNonNullElse(service.updateState(), "");
    }
}
