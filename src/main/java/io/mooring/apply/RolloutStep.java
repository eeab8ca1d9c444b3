package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.ActionVerb;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Hook;
import io.mooring.model.JournalStep;
import io.mooring.model.ObservedContainer;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Creates or replaces one component's container, gated on health. The new container is created before
 * the old one stops; it starts beside the old one when they share no host port and no writable volume,
 * otherwise the old one stops first, so the gap is a stop and a start. The old one is kept until the new
 * one is healthy and its after-hooks passed, and started again whatever goes wrong before that. Each
 * step is journalled before it is taken. Volumes survive: named ones by name, anonymous ones carried
 * over to the same paths. A container that already runs this spec under another name is renamed.
 */
final class RolloutStep {
    private final Engine engine;
    private final HealthGate gate;
    private final RolloutRecorder recorder;
    private final DesiredContainer desired;
    private final ObservedContainer current;
    private final String node;
    private final Revision revision;
    private final String digest;
    private final Duration maxHookTimeout;

    RolloutStep(Engine engine, HealthGate gate, RolloutRecorder recorder, DesiredContainer desired, ObservedContainer current,
                String node, Revision revision, String digest, Duration maxHookTimeout) {
        this.engine = engine;
        this.gate = gate;
        this.recorder = recorder;
        this.desired = desired;
        this.current = current;
        this.node = node;
        this.revision = revision;
        this.digest = digest;
        this.maxHookTimeout = maxHookTimeout;
    }

    private String verb() {
        return (current == null ? ActionVerb.CREATE : ActionVerb.REPLACE).word();
    }

    StepResult run() {
        String name = desired.containerName();
        if (current != null && current.specHash().equals(desired.specHash()) && current.running() && !current.name().equals(name)
                && !current.offNetwork(desired.network())) {
            engine.rename(current.id(), name, owner());
            return StepResult.done(desired.component(), verb(), "renamed " + current.name() + " to " + name);
        }
        Optional<StepResult> underWay = runUnderWay();
        if (underWay.isPresent()) {
            return underWay.get();
        }
        Optional<String> before = hooks(Hook.Stage.BEFORE, "");
        if (before.isPresent()) {
            recorder.finished(desired.component());
            return StepResult.failed(desired.component(), verb(), before.get() + "; nothing was changed");
        }
        String oldId = current == null ? "" : current.id();
        String newName = current == null ? name : name + "-next-" + desired.specHash().substring(0, 12);
        recorder.step(desired.component(), JournalStep.CREATING, "", newName, oldId);
        String id = engine.create(desired, newName, node, revision, current == null ? List.of() : carriedVolumes(), digest);
        recorder.step(desired.component(), JournalStep.CREATED, "", id, oldId);
        Faults.after("created");
        boolean beside = current != null && current.running() && canRunBeside() && !desired.rollout().runOnce();
        Optional<String> failure;
        try {
            if (current != null && !beside) {
                engine.stop(current.id(), owner());
                Faults.after("old-stopped");
            }
            engine.start(id, owner());
            Faults.after("started");
            if (current != null) {
                // Off the critical path: the new container is warming up meanwhile.
                engine.rename(current.id(), asideName(), owner());
                Faults.after("old-renamed");
            }
            failure = desired.rollout().runOnce() ? new CompletionGate(engine, maxHookTimeout).await(id)
                    : gate.await(id, desired.rollout().probe());
            if (failure.isPresent()) {
                failure = Optional.of(failure.get() + logs(id));
            } else {
                failure = hooks(Hook.Stage.AFTER, id);
            }
        } catch (EngineException | IllegalStateException e) {
            failure = Optional.of(e.getMessage());
        }
        if (failure.isPresent()) {
            return rollBack(id, failure.get());
        }
        recorder.step(desired.component(), JournalStep.HEALTHY, "", id, oldId);
        recorder.deployed(desired, id, digest);
        Faults.after("healthy");
        if (current != null) {
            swap(id, name, beside);
        }
        recorder.finished(desired.component());
        String how = beside ? " (started beside the old one)" : desired.rollout().runOnce() ? " (ran once, exited with code 0)" : "";
        return StepResult.done(desired.component(), verb(), current == null
                ? "created " + name + " from " + pinned() + how
                : "replaced " + current.image() + " with " + pinned() + how);
    }

    /**
     * The new container takes the name the old one was moved away from while the old one goes (stopped
     * first when it ran beside): two engine calls at once, on different containers.
     */
    private void swap(String id, String name, boolean beside) {
        CompletableFuture<Void> oldGone = CompletableFuture.runAsync(() -> {
            if (beside) {
                engine.stop(current.id(), owner());
            }
            engine.remove(current.id(), owner());
        }, RolloutStep::inBackground);
        try {
            engine.rename(id, name, owner());
            Faults.after("new-renamed");
        } finally {
            try {
                oldGone.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof EngineException engineException ? engineException
                        : new EngineException("removing the old container " + current.name() + " failed: " + e.getCause(), e.getCause());
            }
        }
        Faults.after("old-removed");
    }

    private static void inBackground(Runnable task) {
        Thread thread = new Thread(task, "mooring-remove-old");
        thread.setDaemon(true);
        thread.start();
    }

    private String asideName() {
        return desired.containerName() + "-old-" + current.shortId();
    }

    private String pinned() {
        return digest.isEmpty() || desired.image().digest() != null
                ? desired.image().reference() : desired.image().reference() + " (" + digest.substring(0, Math.min(19, digest.length())) + ")";
    }

    /**
     * A run of a component that runs once still under way (started by hand, or by a pass that did not see it end) is waited
     * for first: two runs never go at once. If it ran this very spec to the end, that is the run; else it is run again.
     */
    private Optional<StepResult> runUnderWay() {
        if (!desired.rollout().runOnce() || current == null || !current.running()) {
            return Optional.empty();
        }
        Optional<String> ended = new CompletionGate(engine, maxHookTimeout).await(current.id());
        if (ended.isEmpty() && current.specHash().equals(desired.specHash()) && current.name().equals(desired.containerName())) {
            return Optional.of(StepResult.done(desired.component(), verb(), "waited for the run under way of " + current.name()
                    + ": exited with code 0"));
        }
        if (ended.isPresent() && ended.get().contains("did not finish")) {
            return Optional.of(StepResult.failed(desired.component(), verb(), "the run under way of " + current.name() + " "
                    + ended.get().substring("it ".length()) + "; nothing was changed"));
        }
        return Optional.empty();
    }

    /** Runs the component's hooks of one stage in order; the first that fails is the reason. */
    private Optional<String> hooks(Hook.Stage stage, String newId) {
        for (Hook asked : desired.rollout().hooks(stage)) {
            // The agent, not the commit, bounds how long a hook may hold the tenant's pass.
            boolean capped = asked.timeout().compareTo(maxHookTimeout) > 0;
            Hook hook = capped ? new Hook(asked.name(), asked.stage(), asked.command(), maxHookTimeout) : asked;
            recorder.step(desired.component(), JournalStep.HOOK, hook.name(), newId, current == null ? "" : current.id());
            Engine.JobResult result = engine.runJob(desired, hook, node, revision, digest);
            Faults.after("hook-" + hook.name());
            if (!result.succeeded()) {
                String how = result.timedOut() ? "did not finish within " + hook.timeout().toSeconds() + "s"
                        + (capped ? " (the agent's limit, rollout.maxHookTimeout; it asked for " + asked.timeout().toSeconds() + "s)" : "")
                        : "exited with code " + result.exitCode();
                return Optional.of(stage.word() + " hook " + hook.name() + " " + how
                        + (result.logTail().isEmpty() ? "" : " (last output: " + oneLine(result.logTail()) + ")"));
            }
        }
        return Optional.empty();
    }

    /** Side by side only when nothing can clash: no host ports, no host network, no fixed address, no volume both could write. */
    private boolean canRunBeside() {
        return desired.ports().stream().allMatch(p -> p.hostPort() == 0)
                && desired.options().networks().stream().allMatch(n -> n.ipv4Address().isEmpty())
                && !desired.access().hostNetwork()
                && desired.volumes().stream().allMatch(v -> v.readOnly() && v.kind() != VolumeMount.Kind.ANONYMOUS)
                && current.anonymousVolumes().isEmpty();
    }

    private String logs(String id) {
        String tail = engine.logTail(id, 5);
        return tail.isEmpty() ? "" : " (last output: " + oneLine(tail) + ")";
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s*\\n\\s*", " | ").strip();
        return flat.length() <= 300 ? flat : "..." + flat.substring(flat.length() - 297);
    }

    /**
     * Clears the new container away (it may hold the host ports), then gives the previous one its name
     * back and starts it again, whatever happened to the removal.
     */
    private StepResult rollBack(String newId, String failure) {
        String leftover = "";
        try {
            engine.remove(newId, owner());
        } catch (EngineException e) {
            leftover = "; the failed new container is left for the next pass to remove (" + e.getMessage() + ")";
        }
        if (current == null) {
            recorder.finished(desired.component());
            return StepResult.failed(desired.component(), verb(), failure + "; removed " + desired.containerName() + leftover);
        }
        // Started first, so that a failed rename back costs the name, not the service. Whatever fails stays in
        // the journal, and the next pass's recovery finishes the rollback before anything else.
        List<String> problems = new java.util.ArrayList<>();
        try {
            if (current.running()) { // what did not run (a finished run of a job, a stopped service) is kept as it was
                engine.start(current.id(), owner());
            }
        } catch (EngineException e) {
            problems.add("could not start " + current.name() + " again: " + e.getMessage());
        }
        try {
            engine.rename(current.id(), current.name(), owner());
        } catch (EngineException e) {
            problems.add("could not give " + current.name() + " its name back: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            return StepResult.failed(desired.component(), verb(), failure + "; " + String.join("; ", problems)
                    + "; the next pass finishes the rollback" + leftover);
        }
        recorder.finished(desired.component());
        String kept = current.running() ? "rolled back to " + current.name() + " (" + current.image() + ")"
                : "kept " + current.name() + " (" + current.image() + ") as it was, " + current.state() + ", not started again";
        return StepResult.failed(desired.component(), verb(), failure + "; " + kept + leftover);
    }

    /** Anonymous volumes of the old container whose paths the new spec does not give a named volume or bind mount. */
    private List<VolumeMount> carriedVolumes() {
        Set<String> taken = desired.volumes().stream()
                .filter(v -> v.kind() != VolumeMount.Kind.ANONYMOUS)
                .map(VolumeMount::target).collect(Collectors.toSet());
        return current.anonymousVolumes().stream().filter(v -> !taken.contains(v.target())).toList();
    }

    /** Whose labels a container must carry for this step to act on it. */
    private Engine.Owner owner() {
        return new Engine.Owner(desired.tenant(), desired.component());
    }
}
