package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Hook;
import io.mooring.model.ImageRef;
import io.mooring.model.Labels;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.model.RegistryCredentials;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link Engine} on the Docker Engine API, through docker-java and its Apache HttpClient 5 transport. */
public final class DockerEngine implements Engine {
    private static final int STOP_TIMEOUT_SECONDS = 10;
    private static final long PULL_TIMEOUT_MINUTES = 30;
    /** How often a job is looked at when no event woke the wait for it. */
    private static final Duration JOB_POLL = Duration.ofMillis(500);

    private final DockerClient docker;
    private final String host;
    private final DockerRegistry registry;
    private final DockerEvents events;
    private volatile String dataRoot;

    private static final int MAX_CONNECTIONS = 2 * 32 + 8;

    public DockerEngine(String dockerHost) {
        this(dockerHost, List.of());
    }

    public DockerEngine(String dockerHost, List<RegistryCredentials> credentials) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                // Each health gate and hook holds an event stream for its wait, beside its own calls, the agent's event
                // stream and the registry asks: twice the largest parallelism (32), and some.
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(5))
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
        this.events = new DockerEvents(docker);
        this.host = dockerHost;
        this.registry = new DockerRegistry(http, dockerHost, credentials);
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
        String image = labels.getOrDefault(Labels.IMAGE, Objects.toString(c.getImage(), ""));
        List<ContainerMount> mounts = c.getMounts() == null ? List.of() : c.getMounts();
        List<String> volumes = mounts.stream()
                .filter(m -> m.getName() != null && !m.getName().isEmpty() && !anonymous(m.getName()))
                .map(ContainerMount::getName).toList();
        List<VolumeMount> anonymous = mounts.stream()
                .filter(m -> m.getName() != null && anonymous(m.getName()) && m.getDestination() != null)
                .map(m -> new VolumeMount(VolumeMount.Kind.NAMED, m.getName(), m.getDestination(), false)).toList();
        return new ObservedContainer(c.getId(), name, labels.getOrDefault(Labels.TENANT, ""),
                labels.getOrDefault(Labels.COMPONENT, ""), labels.getOrDefault(Labels.REVISION, ""),
                labels.getOrDefault(Labels.SPEC_HASH, ""), image, Objects.toString(c.getState(), "unknown"),
                labels.getOrDefault(Labels.DIGEST, ""), Objects.toString(c.getImage(), ""),
                specFields(labels.getOrDefault(Labels.SPEC_FIELDS, "")), labels.getOrDefault(Labels.JOB, ""),
                "true".equals(labels.get(Labels.PRUNE_VOLUMES)), volumes, anonymous);
    }

    /** The engine names an anonymous volume by 64 hexadecimal digits. */
    private static boolean anonymous(String volumeName) {
        return volumeName.matches("[0-9a-f]{64}");
    }

    private static Map<String, String> specFields(String label) {
        Map<String, String> fields = new java.util.TreeMap<>();
        for (String pair : label.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    @Override
    public void pull(ImageRef image) {
        try {
            pullOnce(image);
        } catch (EngineException e) {
            throw registry.explained(image, e);
        }
    }

    private void pullOnce(ImageRef image) {
        String tag = image.digest() != null ? image.digest() : image.tag();
        call("pull " + image, () -> {
            try {
                var pull = docker.pullImageCmd(image.name()).withTag(tag);
                registry.authFor(image).ifPresent(pull::withAuthConfig);
                try (PullCallback progress = pull.exec(new PullCallback())) {
                    if (!progress.await(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                        throw new EngineException("pull " + image + ": no answer within " + PULL_TIMEOUT_MINUTES + " minutes");
                    }
                    if (progress.error() != null) {
                        throw new EngineException("pull " + image + " on " + host + ": " + progress.error());
                    }
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("pull " + image + ": interrupted", e);
            } catch (IOException e) {
                throw new EngineException("pull " + image + ": " + message(e), e);
            }
        });
    }

    @Override
    public Optional<LocalImage> localImage(ImageRef image) {
        List<String> repoDigests;
        try {
            repoDigests = call("inspect image " + image, () -> docker.inspectImageCmd(image.reference()).exec()).getRepoDigests();
        } catch (NotFound e) {
            return Optional.empty();
        }
        if (image.digest() != null) {
            return Optional.of(new LocalImage(image.digest()));
        }
        String prefix = image.name() + "@";
        return Optional.of(new LocalImage(repoDigests == null ? "" : repoDigests.stream().filter(d -> d.startsWith(prefix))
                .map(d -> d.substring(prefix.length())).findFirst().orElse("")));
    }

    @Override
    public String registryDigest(ImageRef image) {
        return registry.digest(image);
    }

    @Override
    public OptionalLong freeDiskBytes() {
        String root = dataRoot;
        if (root == null) {
            root = call("read the engine's info", () -> docker.infoCmd().exec()).getDockerRootDir();
            if (root == null) {
                return OptionalLong.empty();
            }
            dataRoot = root; // set when the engine starts; asking on every pass costs a slow info call
        }
        try {
            return OptionalLong.of(Files.getFileStore(Path.of(root)).getUsableSpace());
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean removeVolume(String name, String tenant) {
        try {
            Map<String, String> labels = call("inspect volume " + name, () -> docker.inspectVolumeCmd(name).exec()).getLabels();
            if (labels == null || !tenant.equals(labels.get(Labels.TENANT))) {
                return false;
            }
            call("remove volume " + name, () -> docker.removeVolumeCmd(name).exec());
            return true;
        } catch (NotFound e) {
            return false;
        }
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
    public String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts,
                         String digest) {
        CreateContainerCmd cmd = DockerContainerSpec.toCommand(docker, spec, name, node, revision, extraMounts, digest);
        return call("create container " + name, () -> cmd.exec().getId());
    }

    @Override
    public JobResult runJob(DesiredContainer spec, Hook hook, String node, Revision revision, String digest) {
        String name = spec.containerName() + "-hook-" + hook.name();
        remove(name); // a job left by an interrupted pass
        CreateContainerCmd cmd = DockerContainerSpec.toJobCommand(docker, spec, hook, name, node, revision, digest);
        String id = call("create hook container " + name, () -> cmd.exec().getId());
        try (ContainerWatch watch = watch(id)) {
            start(id);
            long deadline = System.nanoTime() + hook.timeout().toNanos();
            ContainerStatus status = status(id);
            while ("running".equals(status.state()) || "created".equals(status.state())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new JobResult(-1, true, logTail(id, 10));
                }
                watch.await(Duration.ofNanos(Math.min(left, JOB_POLL.toNanos())));
                status = status(id);
            }
            return new JobResult(status.exitCode(), false, status.exitCode() == 0 ? "" : logTail(id, 10));
        } finally {
            remove(id);
        }
    }

    @Override
    public Optional<Integer> exec(String id, List<String> command, Duration timeout) {
        String execId = call("exec in container " + id, () -> docker.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                .withAttachStdout(false).withAttachStderr(false).exec()).getId();
        call("start exec in container " + id, () -> docker.execStartCmd(execId).withDetach(true).exec(new ResultCallback.Adapter<>()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var inspect = call("inspect exec in container " + id, () -> docker.inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
                return Optional.of(inspect.getExitCodeLong().intValue());
            }
            sleep(50);
        }
        return Optional.empty();
    }

    @Override
    public String address(String id) {
        InspectContainerResponse inspect = call("inspect container " + id, () -> docker.inspectContainerCmd(id).exec());
        if ("host".equals(inspect.getHostConfig().getNetworkMode())) {
            return "127.0.0.1";
        }
        var networks = inspect.getNetworkSettings() == null ? null : inspect.getNetworkSettings().getNetworks();
        if (networks != null) {
            for (var network : networks.values()) {
                if (network.getIpAddress() != null && !network.getIpAddress().isEmpty()) {
                    return network.getIpAddress();
                }
            }
        }
        throw new EngineException("container " + id + " has no network address to probe (network_mode: none?); use an exec probe");
    }

    @Override
    public String logTail(String id, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(logs unavailable: " + message(e) + ")";
        }
        return out.toString().strip();
    }

    @Override
    public AutoCloseable followEvents(Instant since, Consumer<EngineEvent> listener, Consumer<Throwable> ended) {
        return events.follow(since, listener, ended);
    }

    @Override
    public ContainerWatch watch(String id) {
        return events.watch(id);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
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
        try {
            call("rename container " + id + " to " + name, () -> docker.renameContainerCmd(id).withName(name).exec());
        } catch (EngineException e) {
            // The engine refuses a rename to the name a container already has: the goal holds.
            String now = call("inspect container " + id, () -> docker.inspectContainerCmd(id).exec()).getName();
            if (!("/" + name).equals(now) && !name.equals(now)) {
                throw e;
            }
        }
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

    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = Objects.toString(root.getMessage(), root.getClass().getSimpleName()).strip();
        return text.replaceAll("\\s+", " ");
    }

    /** The object is gone: success for a removal, an error worth its name for anything else. */
    private static final class NotFound extends io.mooring.engine.NotFoundException {
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
