package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine.ContainerWatch;
import io.mooring.engine.Engine.JobResult;
import io.mooring.engine.Engine.Owner;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Hook;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What Mooring does to containers: create, start, stop, rename, remove, a command run inside, a hook run to its end. */
final class DockerLifecycle {
    /** How long a stop waits for a container that set no stop_grace_period, as Docker's own default. */
    private static final int STOP_TIMEOUT_SECONDS = 10;
    /** The longest a stop waits, whatever the container's stop_grace_period: a pass (and the engine's response) must end. */
    static final int MAX_STOP_TIMEOUT_SECONDS = 120;
    /** How often a job is looked at when no event woke the wait for it. */
    private static final Duration JOB_POLL = Duration.ofMillis(500);

    private final Supplier<DockerClient> docker;
    private final DockerCalls calls;
    private final DockerInspector inspector;
    private final DockerEvents events;
    private final DockerOwnership ownership;
    private final DockerNetworks networks;
    private final DockerFileMounts files;

    DockerLifecycle(Supplier<DockerClient> docker, DockerCalls calls, DockerInspector inspector, DockerEvents events, DockerNetworks networks,
                    DockerFileMounts files) {
        this.docker = docker;
        this.calls = calls;
        this.inspector = inspector;
        this.events = events;
        this.networks = networks;
        this.files = files;
        this.ownership = new DockerOwnership(docker, calls);
    }

    String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts, String digest) {
        joinable(spec);
        CreateContainerCmd cmd = DockerContainerSpec.toCommand(docker.get(), spec, name, node, revision, extraMounts, digest, files.mounts(spec));
        String id = created(name, owner(spec), () -> calls.call("create container " + name, () -> cmd.exec().getId()));
        try {
            completed(id, name, spec, true);
        } catch (RuntimeException e) {
            // Not left half made: the next pass creates it whole.
            calls.call("remove container " + name, () -> docker.get().removeContainerCmd(id).withForce(true).exec());
            throw e;
        }
        return id;
    }

    /** A created container joins its other networks before it starts (its secrets and configs are mounted: see create). */
    private void completed(String id, String name, DesiredContainer spec, boolean component) {
        networks.connectOthers(id, spec, component);
    }

    /** A create the engine refused because the name is taken says whose container holds it, when that is not ours. */
    private String created(String name, Owner owner, Supplier<String> create) {
        try {
            return create.get();
        } catch (DockerCalls.NotFound e) {
            throw e;
        } catch (EngineException e) {
            try {
                ownership.claim(name, owner);
            } catch (DockerCalls.NotFound none) {
                // the name is free: the refusal had another reason
            }
            throw e;
        }
    }

    /**
     * The tenant's networks the container joins are there, and the tenant's: made now when it is the tenant's first
     * (its own network), or the first container of the tenant on one of its networks of components.yml.
     */
    private void joinable(DesiredContainer spec) {
        if (spec.network().isEmpty()) {
            return;
        }
        if (spec.options().networks().isEmpty()) {
            networks.ensure(spec.network(), spec.tenant());
        }
        spec.options().networks().forEach(n -> networks.ensure(n, spec.tenant()));
    }

    private static Owner owner(DesiredContainer spec) {
        return new Owner(spec.tenant(), spec.component());
    }

    JobResult runJob(DesiredContainer spec, Hook hook, String node, Revision revision, String digest) {
        String name = spec.jobName(hook);
        remove(name, owner(spec)); // a job left by an interrupted pass, if it is this component's
        joinable(spec);
        CreateContainerCmd cmd = DockerContainerSpec.toJobCommand(docker.get(), spec, hook, name, node, revision, digest, files.mounts(spec));
        String id = created(name, owner(spec), () -> calls.call("create hook container " + name, () -> cmd.exec().getId()));
        try (ContainerWatch watch = events.watch(id)) {
            // As the component's own container has them: a migration reaches its database (and reads its password file).
            completed(id, name, spec, false);
            start(id, owner(spec));
            long deadline = System.nanoTime() + hook.timeout().toNanos();
            ContainerStatus status = inspector.status(id);
            while ("running".equals(status.state()) || "created".equals(status.state())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new JobResult(-1, true, inspector.logTail(id, 10));
                }
                watch.await(Duration.ofNanos(Math.min(left, JOB_POLL.toNanos())));
                status = inspector.status(id);
            }
            return new JobResult(status.exitCode(), false, status.exitCode() == 0 ? "" : inspector.logTail(id, 10));
        } finally {
            removeById(id); // the id this create returned: ours
        }
    }

    Optional<Integer> exec(String id, List<String> command, Duration timeout) {
        String execId = calls.call("exec in container " + id, () -> docker.get().execCreateCmd(id).withCmd(command.toArray(String[]::new))
                .withAttachStdout(false).withAttachStderr(false).exec()).getId();
        calls.call("start exec in container " + id, () -> docker.get().execStartCmd(execId).withDetach(true).exec(new ResultCallback.Adapter<>()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var inspect = calls.call("inspect exec in container " + id, () -> docker.get().inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
                return Optional.of(inspect.getExitCodeLong().intValue());
            }
            sleep(50);
        }
        return Optional.empty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    void start(String ref, Owner owner) {
        String id = ownership.claim(ref, owner);
        try {
            calls.call("start container " + ref, () -> docker.get().startContainerCmd(id).exec());
        } catch (DockerCalls.AlreadyDone e) {
            // already running
        }
    }

    void stop(String ref, Owner owner) {
        try {
            InspectContainerResponse container = ownership.claimed(ref, owner);
            int timeout = stopTimeout(container);
            calls.call("stop container " + ref, () -> docker.get().stopContainerCmd(container.getId()).withTimeout(timeout).exec());
        } catch (DockerCalls.NotFound | DockerCalls.AlreadyDone e) {
            // gone or already stopped: the goal holds
        }
    }

    /** The container's stop_grace_period (its label), at most {@link #MAX_STOP_TIMEOUT_SECONDS}; 10 s when it set none. */
    private static int stopTimeout(InspectContainerResponse container) {
        String label = container.getConfig() == null || container.getConfig().getLabels() == null ? null
                : container.getConfig().getLabels().get(io.mooring.model.Labels.STOP_TIMEOUT);
        try {
            return label == null ? STOP_TIMEOUT_SECONDS : (int) Math.max(0, Math.min(Long.parseLong(label), MAX_STOP_TIMEOUT_SECONDS));
        } catch (NumberFormatException e) {
            return STOP_TIMEOUT_SECONDS;
        }
    }

    void remove(String ref, Owner owner) {
        try {
            removeById(ownership.claim(ref, owner));
        } catch (DockerCalls.NotFound e) {
            // already gone
        }
    }

    private void removeById(String id) {
        try {
            calls.call("remove container " + id, () -> docker.get().removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec());
        } catch (DockerCalls.NotFound e) {
            // already gone
        }
    }

    void rename(String ref, String name, Owner owner) {
        String id = ownership.claim(ref, owner);
        try {
            calls.call("rename container " + ref + " to " + name, () -> docker.get().renameContainerCmd(id).withName(name).exec());
        } catch (EngineException e) {
            // The engine refuses a rename to the name a container already has: the goal holds.
            String now = calls.call("inspect container " + id, () -> docker.get().inspectContainerCmd(id).exec()).getName();
            if (!("/" + name).equals(now) && !name.equals(now)) {
                throw e;
            }
        }
    }
}
