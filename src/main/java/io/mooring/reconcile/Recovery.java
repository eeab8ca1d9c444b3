package io.mooring.reconcile;

import io.mooring.apply.RecoverStep;
import io.mooring.apply.StepResult;
import io.mooring.model.JournalRecord;
import io.mooring.model.PassStatus;
import java.util.ArrayList;
import java.util.List;
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
    static List<StepResult> run(PassContext agent, PassStart pass, StoreRecorder recorder) throws PassEnded {
        List<StepResult> results = new ArrayList<>();
        for (JournalRecord entry : agent.store().journal(pass.tenant(), pass.node())) {
            StepResult result = new RecoverStep(agent.engine(), recorder, entry).run();
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
