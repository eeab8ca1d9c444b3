package io.mooring.notify;

import io.mooring.model.ActionOutcome;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.util.Optional;

/**
 * What a recorded pass says of its tenant's condition: broken in a way ({@code rolled-back} for a failed step that put
 * the previous container back, {@code pass-failed} for the other failures, {@code refused}, {@code drift}), fine again
 * (converged), or nothing new (held, deferred: the condition stays as it was).
 */
public record PassVerdict(Optional<Event> broken, boolean fine) {
    private static final PassVerdict SAME = new PassVerdict(Optional.empty(), false);

    public static PassVerdict of(PassRecord pass) {
        PassStatus status = pass.status();
        if (status == PassStatus.CONVERGED) {
            return new PassVerdict(Optional.empty(), true);
        }
        if (status == PassStatus.REFUSED) {
            return broken(Event.REFUSED);
        }
        if (status == PassStatus.DRIFTED) {
            return broken(Event.DRIFT);
        }
        if (status == PassStatus.FAILED && rolledBack(pass)) {
            return broken(Event.ROLLED_BACK);
        }
        return PassStatus.FAILURES.contains(status) ? broken(Event.PASS_FAILED) : SAME;
    }

    private static PassVerdict broken(Event event) {
        return new PassVerdict(Optional.of(event), false);
    }

    private static boolean rolledBack(PassRecord pass) {
        return pass.message().contains("rolled back") || pass.actions().stream()
                .anyMatch(a -> a.outcome() == ActionOutcome.FAILED && a.message() != null && a.message().contains("rolled back"));
    }
}
