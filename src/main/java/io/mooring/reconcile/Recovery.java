package io.mooring.reconcile;

import io.mooring.apply.RecoverStep;
import io.mooring.apply.StepResult;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.JournalRecord;
import io.mooring.model.PassStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The recover phase: finishes or undoes what a killed pass left half done, before anything is observed. */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    /**
     * What recovery did; ends the pass UNAVAILABLE when something stays half swapped, since planning then could
     * take an unproven container for the current one.
     */
    static List<StepResult> run(PassContext agent, PassStart pass, StoreRecorder recorder, DesiredState desired) throws PassEnded {
        return run(agent, pass, recorder, desired.containers().stream().filter(c -> c.rollout().runOnce())
                .map(DesiredContainer::component).collect(Collectors.toSet()));
    }

    /** For a tenant that leaves, whose rendered state is not known: an undone rollout starts the previous container. */
    static List<StepResult> run(PassContext agent, PassStart pass, StoreRecorder recorder) throws PassEnded {
        return run(agent, pass, recorder, Set.of());
    }

    private static List<StepResult> run(PassContext agent, PassStart pass, StoreRecorder recorder, Set<String> runOnce) throws PassEnded {
        List<StepResult> results = new ArrayList<>();
        for (JournalRecord entry : agent.store().journal(pass.tenant(), pass.node())) {
            // A component that runs once keeps its previous run as it ended: undoing its rollout does not run it again.
            StepResult result = new RecoverStep(agent.engine(), recorder, entry, !runOnce.contains(entry.component())).run();
            LOG.warn("tenant {}: {}", pass.tenant(), result);
            results.add(result);
        }
        List<String> unrecovered = results.stream().filter(StepResult::failed).map(StepResult::toString).toList();
        if (!unrecovered.isEmpty()) {
            throw new PassEnded(pass.ended(PassStatus.UNAVAILABLE, String.join("; ", unrecovered)
                    + "; nothing else is done for this tenant until that is finished or undone"));
        }
        return results;
    }
}
