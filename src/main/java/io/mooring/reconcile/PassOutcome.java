package io.mooring.reconcile;

import io.mooring.apply.Applied;
import io.mooring.apply.StepResult;
import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.plan.Action;
import io.mooring.plan.Facts;
import io.mooring.plan.Plan;
import io.mooring.plan.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a pass that got as far as applying ended, as a pure function of what it planned and what the steps did:
 * a line per action, matched to the steps that action led to (never to another action on the same component),
 * and one status. A failed step makes it FAILED; changes held back by a closed maintenance window, DEFERRED;
 * drift under {@code mooring_self_heal: report}, DRIFTED; anything else, CONVERGED.
 *
 * @param plan      everything the pass planned, including what the window held back
 * @param recovered what finishing or undoing a killed pass did, before planning (all of it done: a failed recovery ends the pass)
 * @param applied   what applying the plan (or its part the window allowed) did
 * @param closed    the tenant's maintenance window, when it was closed and changes waited
 * @param selfHeal  the tenant's policy for drift
 * @param notes     what else the pass has to say (a digest not checked, a backup made first)
 */
record PassOutcome(Plan plan, List<StepResult> recovered, Applied applied, Optional<MaintenanceWindows> closed,
                   Facts.SelfHeal selfHeal, List<String> notes) {

    PassOutcome {
        recovered = List.copyOf(recovered);
        notes = List.copyOf(notes);
    }

    PassRecord record(Instant started, Instant finished) {
        List<ActionRecord> actions = plan.actions().stream().map(this::line).toList();
        List<StepResult> failures = applied.steps().stream().filter(StepResult::failed).toList();
        List<String> deferred = plan.actions().stream().filter(this::waits).map(a -> a.verb() + " " + a.component()).toList();
        List<String> drift = selfHeal != Facts.SelfHeal.REPORT ? List.of() : plan.actions().stream()
                .filter(a -> a instanceof Action.Drift).map(a -> a.component() + ": " + a.reason().detail()).toList();
        String message;
        PassStatus status;
        if (!failures.isEmpty()) {
            status = PassStatus.FAILED;
            message = String.join("; ", failures.stream().map(StepResult::toString).toList());
        } else if (!deferred.isEmpty()) {
            status = PassStatus.DEFERRED;
            MaintenanceWindows window = closed.orElseThrow();
            message = deferred.size() + " change(s) wait for the maintenance window (" + window + ")"
                    + window.nextOpening(finished).map(t -> "; it next opens at " + t).orElse("") + ": " + String.join(", ", deferred);
        } else if (!drift.isEmpty()) {
            status = PassStatus.DRIFTED;
            message = "drift reported, not healed (mooring_self_heal: report): " + String.join("; ", drift);
        } else {
            status = PassStatus.CONVERGED;
            long done = plan.changes().stream().filter(a -> !(a instanceof Action.Drift)).count();
            message = done == 0 ? PassRecord.NOTHING_TO_DO : done + " change(s) applied";
        }
        return new PassRecord(plan.tenant(), plan.node(), plan.revision().commit(), status, message + note(), actions, started, finished);
    }

    /** A change the closed window held back. */
    private boolean waits(Action action) {
        return closed.isPresent() && action.reason().kind() == Reason.Kind.CHANGE && !(action instanceof Action.Keep);
    }

    private ActionRecord line(Action action) {
        List<StepResult> own = applied.of(action);
        StepResult last = own.isEmpty() ? null : own.get(own.size() - 1);
        // The last step says where the action got to: a pull done for an action that then never started is not DONE.
        ActionOutcome outcome = waits(action) ? ActionOutcome.DEFERRED : action instanceof Action.Drift ? ActionOutcome.REPORTED
                : own.stream().anyMatch(StepResult::failed) ? ActionOutcome.FAILED
                : last != null && last.outcome() == StepResult.Outcome.DONE ? ActionOutcome.DONE : ActionOutcome.SKIPPED;
        String message = last == null ? "" : last.message();
        return new ActionRecord(action.component(), action.verb(), action.reason().toString(), outcome, message);
    }

    /** What recovery did and the notes, in brackets after the message. */
    private String note() {
        List<String> said = new ArrayList<>(recovered.stream().map(StepResult::toString).toList());
        said.addAll(notes);
        return said.isEmpty() ? "" : " (" + String.join("; ", said) + ")";
    }
}
