package io.mooring.apply;

import io.mooring.engine.EngineException;
import io.mooring.engine.SwarmEngine;
import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.DesiredService;
import io.mooring.model.ObservedService;
import io.mooring.model.SwarmFile;
import io.mooring.model.SwarmUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A Swarm tenant's changes applied as one unit, phase by phase: its overlay network → its secrets and configs → each
 * service created or updated in turn, followed until Swarm says it is done → the services no longer declared removed.
 * Swarm rolls back one service at a time; when one fails, Mooring puts back every service this pass already changed
 * (an update rolled back, a service it created removed), so that the tenant is left as it was before the pass, and
 * the rest is skipped.
 */
public final class SwarmApplier {
    private final SwarmEngine swarm;
    private final Duration timeout;

    /** {@code timeout}: how long one service's rollout may take before it counts as failed. */
    public SwarmApplier(SwarmEngine swarm, Duration timeout) {
        this.swarm = swarm;
        this.timeout = timeout;
    }

    /**
     * A service to create ({@code current} empty) or update, its image pinned to {@code digest}, and why.
     */
    public record Change(DesiredService desired, Optional<ObservedService> current, String pinned, String digest, String reason) {
    }

    /** A service no longer declared, and why it goes. */
    public record Removal(ObservedService service, String reason) {
    }

    /** What the pass did to each service; {@code failure} says why it failed, empty when it did not. */
    public record Outcome(List<ActionRecord> actions, Optional<String> failure) {
        public boolean failed() {
            return failure.isPresent();
        }
    }

    public Outcome apply(String tenant, String revision, String network, Collection<SwarmFile> files, List<Change> changes,
                         List<Removal> removals) {
        List<ActionRecord> actions = new ArrayList<>();
        if (!changes.isEmpty()) {
            try {
                swarm.ensureNetwork(network, tenant);
                swarm.ensureFiles(tenant, files);
            } catch (EngineException e) {
                changes.forEach(c -> actions.add(record(c, ActionOutcome.SKIPPED, "not started: " + e.getMessage())));
                return new Outcome(actions, Optional.of(e.getMessage()));
            }
        }
        List<Change> done = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            Optional<String> failed = roll(change, revision);
            if (failed.isPresent()) {
                actions.add(record(change, ActionOutcome.FAILED, failed.get()));
                undo(done, actions);
                changes.subList(i + 1, changes.size()).forEach(c -> actions.add(record(c, ActionOutcome.SKIPPED,
                        "not started: " + change.desired().component() + " failed first")));
                removals.forEach(r -> actions.add(new ActionRecord(r.service().component(), ActionVerb.REMOVE, r.reason(),
                        ActionOutcome.SKIPPED, "not removed: " + change.desired().component() + " failed")));
                return new Outcome(actions, Optional.of(change.desired().component() + ": " + failed.get()));
            }
            done.add(change);
            actions.add(record(change, ActionOutcome.DONE, change.current().isEmpty() ? "created" : "updated"));
        }
        for (Removal removal : removals) {
            swarm.remove(removal.service());
            actions.add(new ActionRecord(removal.service().component(), ActionVerb.REMOVE, removal.reason(), ActionOutcome.DONE,
                    "removed"));
        }
        return new Outcome(actions, Optional.empty());
    }

    /** Creates or updates the service and follows it; why it failed, or empty. A failed service is left as it was. */
    private Optional<String> roll(Change change, String revision) {
        String id;
        try {
            if (change.current().isEmpty()) {
                id = swarm.create(change.desired(), revision, change.pinned(), change.digest());
            } else {
                swarm.update(change.current().get(), change.desired(), revision, change.pinned(), change.digest());
                id = change.current().get().id();
            }
        } catch (EngineException e) {
            return Optional.of(e.getMessage());
        }
        try {
            SwarmEngine.Rollout rollout = swarm.await(id, timeout(change.desired()));
            if (rollout.completed()) {
                return Optional.empty();
            }
            String why = said(rollout);
            if (change.current().isEmpty()) {
                // A first deploy that fails leaves nothing behind.
                swarm.services(change.desired().tenant()).stream().filter(s -> s.id().equals(id)).forEach(swarm::remove);
                return Optional.of(why + "; the new service was removed");
            }
            if (!rollout.state().startsWith("rollback_")) {
                // Paused, or still rolling out at the timeout: Mooring rolls it back itself.
                return Optional.of(why + "; " + putBack(id, change.desired()));
            }
            return Optional.of(why + "; Swarm rolled it back");
        } catch (EngineException e) {
            return Optional.of(e.getMessage() + " (while following the service's rollout)");
        }
    }

    /**
     * How long one service's rollout may take: Swarm says it completed only after it watched each batch of tasks for the
     * monitor period, so at least every batch's delay and monitor, then the agent's health timeout on top.
     */
    Duration timeout(DesiredService service) {
        SwarmUpdate update = service.update();
        int parallelism = update.parallelism() <= 0 ? Math.max(1, service.replicas()) : update.parallelism();
        long batches = Math.max(1, (service.replicas() + parallelism - 1) / parallelism);
        return update.delay().plus(update.monitor()).multipliedBy(batches).plus(update.monitor()).plus(timeout);
    }

    /** The services this pass already changed, put back in the reverse order: updates rolled back, creations removed. */
    private void undo(List<Change> done, List<ActionRecord> actions) {
        for (int i = done.size() - 1; i >= 0; i--) {
            Change change = done.get(i);
            String component = change.desired().component();
            int at = indexOf(actions, component);
            try {
                if (change.current().isEmpty()) {
                    swarm.services(change.desired().tenant()).stream().filter(s -> s.component().equals(component)).forEach(swarm::remove);
                    actions.set(at, record(change, ActionOutcome.FAILED, "created, then removed: another service of the tenant failed"));
                } else {
                    String back = putBack(change.current().get().id(), change.desired());
                    actions.set(at, record(change, ActionOutcome.FAILED, "updated, then " + back + ": another service of the tenant failed"));
                }
            } catch (EngineException e) {
                actions.set(at, record(change, ActionOutcome.FAILED, (change.current().isEmpty() ? "created" : "updated")
                        + "; putting it back failed too: " + e.getMessage()));
            }
        }
    }

    /** Rolls the service back to its spec before this pass, and says how that went. */
    private String putBack(String id, DesiredService service) {
        try {
            Optional<ObservedService> now = swarm.services(service.tenant()).stream().filter(s -> s.id().equals(id)).findFirst();
            if (now.isEmpty()) {
                return "gone meanwhile";
            }
            swarm.rollback(now.get());
            SwarmEngine.Rollout back = swarm.await(id, timeout(service));
            return back.state().equals("rollback_completed") || back.completed() ? "rolled back by Mooring"
                    : "rolled back by Mooring, which did not complete (" + said(back) + ")";
        } catch (EngineException e) {
            return "not rolled back: " + e.getMessage();
        }
    }

    private static int indexOf(List<ActionRecord> actions, String component) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).component().equals(component)) {
                return i;
            }
        }
        throw new IllegalStateException("no action of " + component);
    }

    private static String said(SwarmEngine.Rollout rollout) {
        StringBuilder out = new StringBuilder("update " + rollout.state());
        if (!rollout.message().isEmpty()) {
            out.append(": ").append(rollout.message());
        }
        if (!rollout.taskError().isEmpty()) {
            out.append("; a task failed: ").append(rollout.taskError());
        }
        if (rollout.exitCode() != null) {
            out.append(" (exit code ").append(rollout.exitCode()).append(')');
        }
        return out.toString();
    }

    private static ActionRecord record(Change change, ActionOutcome outcome, String message) {
        return new ActionRecord(change.desired().component(), change.current().isEmpty() ? ActionVerb.CREATE : ActionVerb.UPDATE,
                change.reason(), outcome, message);
    }
}
