package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredContainer;
import io.mooring.model.ImageRef;
import io.mooring.model.Labels;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link Engine} on the Docker Engine API, through docker-java and its Apache HttpClient 5 transport. */
public final class DockerEngine implements Engine {
    private static final int STOP_TIMEOUT_SECONDS = 10;
    private static final long PULL_TIMEOUT_MINUTES = 30;

    private final DockerClient docker;
    private final String host;

    public DockerEngine(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(5))
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
        this.host = dockerHost;
    }

    @Override
    public void ping() {
        call("ping the engine", () -> docker.pingCmd().exec());
    }

    @Override
    public ObservedState observe(String tenant) {
        List<Container> found = call("list containers", () -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.TENANT, tenant))
                .exec());
        return new ObservedState(tenant, found.stream().map(DockerEngine::observed).toList());
    }

    private static ObservedContainer observed(Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
        return new ObservedContainer(c.getId(), name, labels.getOrDefault(Labels.TENANT, ""),
                labels.getOrDefault(Labels.COMPONENT, ""), labels.getOrDefault(Labels.REVISION, ""),
                labels.getOrDefault(Labels.SPEC_HASH, ""), labels.getOrDefault(Labels.IMAGE, Objects.toString(c.getImage(), "")),
                Objects.toString(c.getState(), "unknown"));
    }

    @Override
    public boolean hasImage(ImageRef image) {
        try {
            call("inspect image " + image, () -> docker.inspectImageCmd(image.reference()).exec());
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    @Override
    public void pull(ImageRef image) {
        String tag = image.digest() != null ? image.digest() : image.tag();
        call("pull " + image, () -> {
            try {
                boolean done = docker.pullImageCmd(image.name()).withTag(tag).exec(new PullImageResultCallback())
                        .awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
                if (!done) {
                    throw new EngineException("pull " + image + ": no answer within " + PULL_TIMEOUT_MINUTES + " minutes");
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("pull " + image + ": interrupted", e);
            }
        });
    }

    @Override
    public boolean ensureVolume(String name, String tenant) {
        try {
            Map<String, String> labels = call("inspect volume " + name, () -> docker.inspectVolumeCmd(name).exec()).getLabels();
            String owner = labels == null ? null : labels.get(Labels.TENANT);
            if (owner != null && !owner.equals(tenant)) {
                throw new EngineException("volume " + name + " belongs to tenant '" + owner + "', not '" + tenant
                        + "'; rename the volume in components.yml so that the tenants do not share data");
            }
            return false;
        } catch (NotFound e) {
            call("create volume " + name, () -> docker.createVolumeCmd().withName(name).withLabels(Map.of(Labels.TENANT, tenant)).exec());
            return true;
        }
    }

    @Override
    public String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts) {
        CreateContainerCmd cmd = DockerContainerSpec.toCommand(docker, spec, name, node, revision, extraMounts);
        return call("create container " + name, () -> cmd.exec().getId());
    }

    @Override
    public void start(String id) {
        try {
            call("start container " + id, () -> docker.startContainerCmd(id).exec());
        } catch (AlreadyDone e) {
            // already running
        }
    }

    @Override
    public void stop(String id) {
        try {
            call("stop container " + id, () -> docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec());
        } catch (NotFound | AlreadyDone e) {
            // gone or already stopped: the goal holds
        }
    }

    @Override
    public void remove(String id) {
        try {
            call("remove container " + id, () -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec());
        } catch (NotFound e) {
            // already gone
        }
    }

    @Override
    public void rename(String id, String name) {
        call("rename container " + id + " to " + name, () -> docker.renameContainerCmd(id).withName(name).exec());
    }

    @Override
    public ContainerStatus status(String id) {
        InspectContainerResponse inspect = call("inspect container " + id, () -> docker.inspectContainerCmd(id).exec());
        InspectContainerResponse.ContainerState state = inspect.getState();
        String health = state.getHealth() == null ? "none" : state.getHealth().getStatus();
        Long exit = state.getExitCodeLong();
        Integer restarts = inspect.getRestartCount();
        return new ContainerStatus(Objects.toString(state.getStatus(), "unknown"), health, exit == null ? 0 : exit.intValue(),
                restarts == null ? 0 : restarts);
    }

    @Override
    public List<VolumeMount> anonymousVolumes(String id) {
        InspectContainerResponse inspect = call("inspect container " + id, () -> docker.inspectContainerCmd(id).exec());
        if (inspect.getMounts() == null) {
            return List.of();
        }
        return inspect.getMounts().stream()
                .filter(m -> m.getName() != null && m.getName().matches("[0-9a-f]{64}") && m.getDestination() != null)
                .map(m -> new VolumeMount(VolumeMount.Kind.NAMED, m.getName(), m.getDestination().getPath(), false))
                .toList();
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            // closing the transport: nothing left to do
        }
    }

    /** Runs one engine call, translating docker-java's exceptions into Mooring's. */
    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (NotFoundException e) {
            throw new NotFound(what, e);
        } catch (NotModifiedException e) {
            throw new AlreadyDone(what, e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            if (hasCause(e, java.io.IOException.class)) {
                throw new EngineException("cannot reach the Docker engine at " + host + " (" + what + "): " + message(e)
                        + "; is dockerd running, and may this user use its socket?", e);
            }
            throw new EngineException(what + " on " + host + ": " + message(e), e);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = Objects.toString(root.getMessage(), root.getClass().getSimpleName()).strip();
        return text.replaceAll("\\s+", " ");
    }

    /** The object is gone: success for a removal, an error worth its name for anything else. */
    private static final class NotFound extends EngineException {
        NotFound(String what, Throwable cause) {
            super(what + ": not found (removed outside Mooring?); the next pass looks again", cause);
        }
    }

    /** The engine says the goal already holds (HTTP 304). */
    private static final class AlreadyDone extends EngineException {
        AlreadyDone(String what, Throwable cause) {
            super(what + ": already done", cause);
        }
    }
}
