package io.mooring.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.engine.FileFolder;
import io.mooring.model.ContainerOptions.FileMount;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Hook;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedState;
import io.mooring.model.RegistryCredentials;
import io.mooring.model.Revision;
import io.mooring.model.SubnetPool;
import io.mooring.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link Engine} on the Docker Engine API, through docker-java and its Apache HttpClient 5 transport. One client
 * is shared by the parts it hands each call to: {@link DockerLifecycle} (what Mooring does to containers),
 * {@link DockerInspector} (what the engine reports about them), {@link DockerStorage} (images, volumes, disk),
 * {@link DockerNetworks} (the tenants' networks), {@link DockerRegistry} and {@link DockerEvents}.
 */
public final class DockerEngine implements Engine {
    /** How long a pull may take when the agent's configuration does not say (rollout.pullTimeout). */
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_CONNECTIONS = 2 * 32 + 8;

    private final LazyClient docker;
    private final DockerHttpClient http;
    private final DockerCalls calls;
    private final DockerRegistry registry;
    private final DockerEvents events;
    private final DockerInspector inspector;
    private final DockerLifecycle lifecycle;
    private final DockerStorage storage;
    private final DockerNetworks networks;
    private final DockerFileMounts files;

    private final String dockerHost;
    private DockerSwarm swarm;

    public DockerEngine(String dockerHost) {
        this(dockerHost, List.of());
    }

    public DockerEngine(String dockerHost, List<RegistryCredentials> credentials) {
        this(dockerHost, credentials, DEFAULT_PULL_TIMEOUT);
    }

    /** {@code pullTimeout}: how long one pull may take before it is given up, the agent's bound on a hanging registry. */
    public DockerEngine(String dockerHost, List<RegistryCredentials> credentials, Duration pullTimeout) {
        this(dockerHost, credentials, pullTimeout, Optional.empty());
    }

    /** {@code subnets}: the agent's {@code networks.pool}, where tenants' networks get their subnets; empty: Docker's default pools. */
    public DockerEngine(String dockerHost, List<RegistryCredentials> credentials, Duration pullTimeout, Optional<SubnetPool> subnets) {
        this(dockerHost, credentials, pullTimeout, subnets, new FileFolder(Path.of(FileFolder.DEFAULT)));
    }

    /** {@code files}: the agent's tmpfs folder of the secrets and configs its containers mount ({@code secrets.filesDir}). */
    public DockerEngine(String dockerHost, List<RegistryCredentials> credentials, Duration pullTimeout, Optional<SubnetPool> subnets,
                        FileFolder files) {
        // Over TCP, each health gate and hook holds an event stream for its wait, beside its own calls, the agent's event
        // stream and the registry asks: twice the largest parallelism (32), and some. A Unix socket's are not pooled.
        DockerHttpClient http = EngineTransport.of(dockerHost, MAX_CONNECTIONS, Duration.ofMinutes(5));
        this.docker = new LazyClient(dockerHost, http);
        this.http = http;
        this.calls = new DockerCalls(dockerHost);
        this.events = new DockerEvents(docker);
        this.registry = new DockerRegistry(http, dockerHost, credentials);
        this.inspector = new DockerInspector(docker, http, calls);
        this.networks = new DockerNetworks(docker, calls, subnets);
        this.files = new DockerFileMounts(docker, http, calls, files);
        this.lifecycle = new DockerLifecycle(docker, calls, inspector, events, networks, this.files);
        this.storage = new DockerStorage(docker, calls, registry, pullTimeout);
        this.dockerHost = dockerHost;
    }

    /** The swarm asked through this engine's address: made when a Swarm tenant first needs it, closed with this engine. */
    @Override
    public Optional<io.mooring.engine.SwarmEngine> swarm() {
        synchronized (this) {
            if (swarm == null) {
                swarm = new DockerSwarm(dockerHost);
            }
            return Optional.of(swarm);
        }
    }

    @Override
    public void ping() {
        calls.call("ping the engine", () -> docker.get().pingCmd().exec());
    }

    @Override
    public ObservedState observe(String tenant) {
        return inspector.observe(tenant);
    }

    @Override
    public List<Listed> listed(String node) {
        return ContainerList.listed(http, calls, node);
    }

    @Override
    public List<PublishedPort> publishedPorts() {
        return inspector.publishedPorts();
    }

    @Override
    public void pull(ImageRef image) {
        storage.pull(image);
    }

    @Override
    public Optional<LocalImage> localImage(ImageRef image) {
        return storage.localImage(image);
    }

    @Override
    public String registryDigest(ImageRef image) {
        return registry.digest(image);
    }

    @Override
    public OptionalLong freeDiskBytes() {
        return storage.freeDiskBytes();
    }

    @Override
    public boolean removeVolume(String name, String tenant) {
        return storage.removeVolume(name, tenant);
    }

    @Override
    public boolean ensureVolume(String name, String tenant) {
        return storage.ensureVolume(name, tenant, null);
    }

    @Override
    public boolean ensureVolume(String name, String tenant, io.mooring.model.ComposeResources.VolumeSpec declared) {
        return storage.ensureVolume(name, tenant, declared);
    }

    @Override
    public boolean removeNetwork(String name, String tenant) {
        return networks.remove(name, tenant);
    }

    @Override
    public List<String> composeNetworks(String tenant) {
        return networks.composeNetworks(tenant);
    }

    @Override
    public String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts,
                         String digest) {
        return lifecycle.create(spec, name, node, revision, extraMounts, digest);
    }

    @Override
    public Set<String> deliverFiles(String tenant, Collection<FileMount> delivered) {
        return files.folder().deliver(tenant, delivered);
    }

    @Override
    public Map<String, Set<String>> mountedFiles(String tenant) {
        return files.mounted(tenant);
    }

    @Override
    public int pruneFiles(String tenant, Set<String> keep) {
        return files.prune(tenant, keep);
    }

    @Override
    public boolean restartsWithHost(String id) {
        return files.restartsWithHost(id);
    }

    @Override
    public JobResult runJob(DesiredContainer spec, Hook hook, String node, Revision revision, String digest) {
        return lifecycle.runJob(spec, hook, node, revision, digest);
    }

    @Override
    public Optional<Integer> exec(String id, List<String> command, Duration timeout) {
        return lifecycle.exec(id, command, timeout);
    }

    @Override
    public String address(String id) {
        return inspector.address(id);
    }

    @Override
    public String logTail(String id, int lines) {
        return inspector.logTail(id, lines);
    }

    @Override
    public AutoCloseable followEvents(Instant since, Consumer<EngineEvent> listener, Consumer<Throwable> ended) {
        return events.follow(since, listener, ended);
    }

    @Override
    public ContainerWatch watch(String id) {
        return events.watch(id);
    }

    @Override
    public void start(String ref, Owner owner) {
        lifecycle.start(ref, owner);
    }

    @Override
    public void stop(String ref, Owner owner) {
        lifecycle.stop(ref, owner);
    }

    @Override
    public void remove(String ref, Owner owner) {
        lifecycle.remove(ref, owner);
    }

    @Override
    public void rename(String ref, String name, Owner owner) {
        lifecycle.rename(ref, name, owner);
    }

    @Override
    public ContainerStatus status(String id) {
        return inspector.status(id);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (swarm != null) {
                swarm.close();
            }
        }
        try {
            http.close(); // docker-java's client, once made, has nothing else to close
        } catch (IOException e) {
            // closing the transport: nothing left to do
        }
    }

    /** The root cause's message on one line: docker-java wraps the engine's words in layers of transport exceptions. */
    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = Objects.toString(root.getMessage(), root.getClass().getSimpleName()).strip();
        return text.replaceAll("\\s+", " ");
    }
}
