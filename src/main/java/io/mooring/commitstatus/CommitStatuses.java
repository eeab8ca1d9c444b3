package io.mooring.commitstatus;

import io.mooring.model.AgentEvents;
import io.mooring.model.PassRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The agent's listener that posts commit statuses: each pass's events mapped to a status by {@link PassStatuses}, and
 * handed to {@code post} (the sender's queue) only when it changes what the commit shows under its context: a pass
 * that finds nothing to do every interval posts nothing, since Git hosts bound how often one may post. What is shown is
 * remembered per context for its latest commit only, so the memory is one entry per tenant and node.
 */
public final class CommitStatuses implements AgentEvents {
    private final Consumer<CommitStatus> post;
    private final Map<String, Shown> shown = new HashMap<>();

    /** What a context shows: the commit and its state. */
    private record Shown(String sha, StatusState state) {
    }

    public CommitStatuses(Consumer<CommitStatus> post) {
        this.post = post;
    }

    @Override
    public void applying(String tenant, String node, String revision, int changes) {
        PassStatuses.applying(tenant, node, revision, changes).ifPresent(this::postIfChanged);
    }

    @Override
    public void passEnded(PassRecord pass) {
        PassStatuses.ended(pass, shownOn(CommitStatus.context(pass.tenant(), pass.node()), pass.revision()))
                .ifPresent(this::postIfChanged);
    }

    private synchronized Optional<StatusState> shownOn(String context, String sha) {
        return Optional.ofNullable(shown.get(context)).filter(s -> s.sha().equals(sha)).map(Shown::state);
    }

    /** Hands {@code status} on unless its commit already shows its state under its context. */
    private void postIfChanged(CommitStatus status) {
        synchronized (this) {
            Shown now = new Shown(status.sha(), status.state());
            if (now.equals(shown.get(status.context()))) {
                return;
            }
            shown.put(status.context(), now);
        }
        post.accept(status);
    }
}
