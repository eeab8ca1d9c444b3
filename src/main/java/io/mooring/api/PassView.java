package io.mooring.api;

import io.mooring.model.ActionRecord;
import io.mooring.model.PassRecord;
import java.time.Instant;
import java.util.List;

/** A pass as the HTTP API shows it; {@code repeats} passes in a row that had nothing to do, the last at {@code lastFinished}. */
public record PassView(String tenant, String node, String revision, String status, String message,
                       Instant started, Instant finished, List<ActionView> actions, int repeats, Instant lastFinished) {

    public record ActionView(String component, String action, String reason, String outcome, String message) {
        static ActionView of(ActionRecord a) {
            return new ActionView(a.component(), a.verb().word(), a.reason(), a.outcome().name(), a.message());
        }
    }

    public static PassView of(PassRecord pass) {
        return new PassView(pass.tenant(), pass.node(), pass.revision(), pass.status().name(), pass.message(),
                pass.started(), pass.finished(), pass.actions().stream().map(ActionView::of).toList(), pass.repeats(),
                pass.lastFinished());
    }
}
