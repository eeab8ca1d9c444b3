package io.mooring.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final String host;
    private final Map<String, RegistryCredentials> credentials;

    public DockerEngine(String dockerHost) {
        this(dockerHost, List.of());
    }

    public DockerEngine(String dockerHost, List<RegistryCredentials> credentials) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(5))
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
        this.http = http;
        this.host = dockerHost;
        this.credentials = credentials.stream().collect(java.util.stream.Collectors.toMap(RegistryCredentials::registry, c -> c, (a, b) -> b));
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
        List<String> volumes = c.getMounts() == null ? List.of() : c.getMounts().stream()
                .filter(m -> m.getName() != null && !m.getName().isEmpty() && !m.getName().matches("[0-9a-f]{64}"))
                .map(ContainerMount::getName).toList();
        return new ObservedContainer(c.getId(), name, labels.getOrDefault(Labels.TENANT, ""),
                labels.getOrDefault(Labels.COMPONENT, ""), labels.getOrDefault(Labels.REVISION, ""),
                labels.getOrDefault(Labels.SPEC_HASH, ""), image, Objects.toString(c.getState(), "unknown"),
                labels.getOrDefault(Labels.DIGEST, ""), Objects.toString(c.getImage(), ""),
                specFields(labels.getOrDefault(Labels.SPEC_FIELDS, "")), labels.getOrDefault(Labels.JOB, ""),
                "true".equals(labels.get(Labels.PRUNE_VOLUMES)), volumes);
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
                var pull = docker.pullImageCmd(image.name()).withTag(tag);
                authFor(image).ifPresent(pull::withAuthConfig);
                boolean done = pull.exec(new PullImageResultCallback())
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
    public Optional<String> localDigest(ImageRef image) {
        if (image.digest() != null) {
            return Optional.of(image.digest());
        }
        List<String> repoDigests = call("inspect image " + image, () -> docker.inspectImageCmd(image.reference()).exec()).getRepoDigests();
        if (repoDigests == null) {
            return Optional.empty();
        }
        String prefix = image.name() + "@";
        return repoDigests.stream().filter(d -> d.startsWith(prefix)).map(d -> d.substring(prefix.length())).findFirst();
    }

    @Override
    public String registryDigest(ImageRef image) {
        String what = "ask the registry for " + image;
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/distribution/" + image.reference() + "/json");
        authFor(image).ifPresent(auth -> request.putHeader("X-Registry-Auth", registryAuthHeader(auth)));
        try (DockerHttpClient.Response response = http.execute(request.build())) {
            String body = new String(response.getBody().readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200) {
                throw new EngineException(what + ": " + errorMessage(body) + " (HTTP " + response.getStatusCode() + ")");
            }
            JsonNode digest = JSON.readTree(body).path("Descriptor").path("digest");
            if (!digest.isTextual()) {
                throw new EngineException(what + ": the engine's answer holds no digest");
            }
            return digest.asText();
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException engineException) {
                throw engineException;
            }
            throw new EngineException("cannot reach the Docker engine at " + host + " (" + what + "): " + message(e), e);
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("message");
            return message.isTextual() ? message.asText() : body.strip();
        } catch (IOException e) {
            return body.strip();
        }
    }

    private Optional<AuthConfig> authFor(ImageRef image) {
        String name = image.name();
        int slash = name.indexOf('/');
        String registry = slash > 0 && (name.substring(0, slash).contains(".") || name.substring(0, slash).contains(":")
                || name.substring(0, slash).equals("localhost")) ? name.substring(0, slash) : "docker.io";
        RegistryCredentials found = credentials.get(registry);
        return found == null ? Optional.empty() : Optional.of(new AuthConfig().withRegistryAddress(registry)
                .withUsername(found.username()).withPassword(found.password()));
    }

    private static String registryAuthHeader(AuthConfig auth) {
        try {
            byte[] json = JSON.writeValueAsBytes(Map.of("username", auth.getUsername(), "password", auth.getPassword(),
                    "serveraddress", auth.getRegistryAddress()));
            return java.util.Base64.getUrlEncoder().encodeToString(json);
        } catch (IOException e) {
            throw new EngineException("cannot encode registry credentials", e);
        }
    }

    @Override
    public OptionalLong freeDiskBytes() {
        String root = call("read the engine's info", () -> docker.infoCmd().exec()).getDockerRootDir();
        if (root == null) {
            return OptionalLong.empty();
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
        try {
            start(id);
            long deadline = System.nanoTime() + hook.timeout().toNanos();
            ContainerStatus status = status(id);
            while ("running".equals(status.state()) || "created".equals(status.state())) {
                if (System.nanoTime() > deadline) {
                    return new JobResult(-1, true, logTail(id, 10));
                }
                sleep(100);
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
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                        ? Map.of() : event.getActor().getAttributes();
                String tenant = attributes.get(Labels.TENANT);
                if (tenant != null) {
                    long nanos = event.getTimeNano() != null ? event.getTimeNano()
                            : (event.getTime() == null ? 0 : event.getTime() * 1_000_000_000L);
                    listener.accept(new EngineEvent(tenant, attributes.getOrDefault(Labels.COMPONENT, ""),
                            Objects.toString(event.getAction(), event.getStatus()), nanos));
                }
            }

            @Override
            public void onError(Throwable throwable) {
                ended.accept(throwable);
            }

            @Override
            public void onComplete() {
                ended.accept(new EngineException("the engine closed the event stream"));
            }
        };
        String sinceText = since.getEpochSecond() + "." + String.format("%09d", since.getNano());
        return docker.eventsCmd().withSince(sinceText).withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Labels.TENANT).exec(callback);
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
        String now = call("inspect container " + id, () -> docker.inspectContainerCmd(id).exec()).getName();
        if (("/" + name).equals(now) || name.equals(now)) {
            return;
        }
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
