package io.mooring.plan;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.model.VolumeMount;
import java.util.List;
import java.util.Map;

/**
 * What a change between two revisions does on one node, without an engine: the base revision's desired
 * state stands for what runs, so the plan says what the change alone would do. Pure, like the planner
 * it uses: components the change adds are "added", those it drops "removed", the others "unchanged".
 */
public final class RevisionDiff {
    private RevisionDiff() {
    }

    public static Plan diff(DesiredState base, DesiredState change) {
        Plan plan = Planner.plan(change, new ObservedState(change.tenant(), base.containers().stream().map(RevisionDiff::asRunning).toList()),
                Facts.NONE);
        return new Plan(plan.tenant(), plan.node(), plan.revision(), plan.actions().stream().map(RevisionDiff::inReviewWords).toList());
    }

    /** A container of the base revision as if it ran exactly as rendered. */
    private static ObservedContainer asRunning(DesiredContainer d) {
        List<String> named = d.volumes().stream().filter(v -> v.kind() == VolumeMount.Kind.NAMED).map(VolumeMount::source).toList();
        String digest = d.image().digest() == null ? "" : d.image().digest();
        return new ObservedContainer("", d.containerName(), d.tenant(), d.component(), "", d.specHash(), d.image().reference(),
                "running", digest, d.image().reference(), Map.copyOf(d.specFields()), "", d.rollout().pruneVolumes(), named, List.of());
    }

    private static Action inReviewWords(Action action) {
        if (action instanceof Action.Create create && create.reason().code() == Reason.Code.MISSING) {
            return new Action.Create(create.desired(), Reason.of(Reason.Code.ADDED));
        }
        if (action instanceof Action.Remove remove && remove.reason().code() == Reason.Code.NOT_DESIRED) {
            return new Action.Remove(remove.current(), Reason.of(Reason.Code.REMOVED));
        }
        if (action instanceof Action.Keep keep) {
            return new Action.Keep(keep.desired(), keep.current(), Reason.of(Reason.Code.UNCHANGED));
        }
        return action;
    }
}
