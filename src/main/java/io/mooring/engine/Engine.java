package io.mooring.engine;

import io.mooring.model.ContainerOptions.FileMount;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Hook;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The local container engine, in Mooring's words. Every method that removes or stops treats
 * "already gone" as success; nothing here touches a container without Mooring's labels.
 */
public interface Engine extends AutoCloseable {
    /** Fails with {@link EngineException} when the engine does not answer. */
    void ping();

    /**
     * The swarm this engine takes part in, asked through the same address; empty for an engine that cannot be one. Whether
     * it is a manager of an active swarm is {@link SwarmEngine#manager()}'s to say.
     */
    default java.util.Optional<SwarmEngine> swarm() {
        return java.util.Optional.empty();
    }

    /**
     * The tenant's containers that Mooring created on this engine, found with one label-filtered list: every node's, when
     * agents share the engine ({@link ObservedState#onNode} keeps an agent's own).
     */
    ObservedState observe(String tenant);

    /**
     * The host ports held by containers that carry any tenant's Mooring label, running or not, found with one list call
     * of every container: those its {@code io.mooring.ports} label names, or, for a container created before that label,
     * those the engine binds now (none while it is stopped).
     */
    List<PublishedPort> publishedPorts();

    /**
     * Every container of {@code node} (or without a node label) that carries a tenant's Mooring label, hook jobs left out,
     * with its state and health, found with one list call: what the node reports of itself to the cluster.
     */
    List<Listed> listed(String node);

    /** The image as this engine has it, with its registry digest; empty when it is not here. */
    Optional<LocalImage> localImage(ImageRef image);

    void pull(ImageRef image);

    /** The digest the registry serves for the reference now, asked through the engine without pulling. */
    String registryDigest(ImageRef image);

    /** Bytes free where the engine keeps images; empty when this process cannot see that folder. */
    OptionalLong freeDiskBytes();

    /**
     * Creates the named volume with the tenant's label unless it exists; returns true when it created
     * it. An existing volume without the tenant's label (none, or another tenant's) is refused, never adopted.
     */
    boolean ensureVolume(String name, String tenant);

    /**
     * The same for a volume components.yml declares: made with its driver options and labels, or, when {@code external},
     * never made: it must be there, the tenant's. {@code declared} null is a volume only mounted.
     */
    default boolean ensureVolume(String name, String tenant, io.mooring.model.ComposeResources.VolumeSpec declared) {
        return ensureVolume(name, tenant);
    }

    /** Removes a volume only if it carries this tenant's label; returns true when it removed it. */
    boolean removeVolume(String name, String tenant);

    /**
     * Removes the tenant's network ({@code mooring-<tenant>}) only if it carries this tenant's labels; true when it removed it.
     * A container attached to it makes the engine refuse, with an {@link EngineException}.
     */
    boolean removeNetwork(String name, String tenant);

    /** The networks of components.yml the engine holds for the tenant ({@code mooring-<tenant>-N-*}, labelled as its own). */
    default List<String> composeNetworks(String tenant) {
        return List.of();
    }

    /**
     * Creates (does not start) a container from the image pinned to {@code digest} (empty: the reference as
     * written); {@code extraMounts} carry volumes over from the container it replaces. A container on its tenant's network
     * ({@link DesiredContainer#network()}) answers to its component's name there; the network is made with the tenant's labels
     * when it is missing, and one of that name without them is refused, never joined. So is a hook's job.
     */
    String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts, String digest);

    /**
     * Puts the tenant's secrets and configs where the engine mounts them from, those missing or not as they should be (a
     * host's restart empties their tmpfs folder) rewritten; the {@link FileMount#key() keys}
     * it wrote.
     */
    default Set<String> deliverFiles(String tenant, Collection<FileMount> files) {
        return Set.of();
    }

    /** The keys of the delivered files each of the tenant's containers (by id, stopped ones too) mounts. */
    default Map<String, Set<String>> mountedFiles(String tenant) {
        return Map.of();
    }

    /** Removes the tenant's delivered files that {@code keep} does not name and none of its containers mounts; how many. */
    default int pruneFiles(String tenant, Set<String> keep) {
        return 0;
    }

    /** Whether the engine itself starts the container again when the host restarts (restart policy always or unless-stopped). */
    default boolean restartsWithHost(String id) {
        return false;
    }

    /** Runs a hook to completion in a container of its own, removed afterwards, and says how it ended. */
    JobResult runJob(DesiredContainer spec, Hook hook, String node, Revision revision, String digest);

    /*
     * Each of these looks first at the container {@code ref} (a name or an id) names, and acts only when its labels
     * say it is the owner's: a name another tenant's container holds, or one Mooring never made, is refused with an
     * EngineException that says whose it is, and the container is left alone.
     */

    void start(String ref, Owner owner);

    void stop(String ref, Owner owner);

    void remove(String ref, Owner owner);

    void rename(String ref, String name, Owner owner);

    ContainerStatus status(String id);

    /** Runs a command in a running container; its exit code, or empty when it did not finish in time. */
    Optional<Integer> exec(String id, List<String> command, Duration timeout);

    /** The address this host reaches the container's ports on: its bridge address, or 127.0.0.1 on the host network. */
    String address(String id);

    /** The last lines the container wrote, stdout and stderr together, for an error message. */
    String logTail(String id, int lines);

    /**
     * Starts following what the engine reports about one container (state, health, execs), so that a
     * wait for it wakes as soon as something happens instead of polling.
     */
    ContainerWatch watch(String id);

    /**
     * Follows the engine's events for containers with Mooring's labels from {@code since}, calling
     * {@code listener} with the tenant of each; {@code ended} is told when the stream stops for any reason.
     */
    AutoCloseable followEvents(Instant since, Consumer<EngineEvent> listener, Consumer<Throwable> ended);

    @Override
    void close();

    /** The tenant and component whose labels a container must carry for Mooring to act on it. */
    record Owner(String tenant, String component) {
    }

    /**
     * A host port a tenant's container holds: {@code hostIp} as its label writes it (empty for every address) or as the
     * engine reports it (0.0.0.0 or ::); {@code node} the node whose agent made the container (empty: made before the label).
     */
    record PublishedPort(String tenant, String container, String hostIp, int hostPort, String protocol, String node) {
        /** A port whose container's node is not known. */
        public PublishedPort(String tenant, String container, String hostIp, int hostPort, String protocol) {
            this(tenant, container, hostIp, hostPort, protocol, "");
        }
    }

    /**
     * A component's container as one list call reports it: {@code health} is {@code healthy}, {@code unhealthy},
     * {@code starting}, or {@code none} for a container without a health check.
     */
    record Listed(String tenant, String component, String image, String digest, String state, String health) {
    }

    /** An image here, with the digest its registry knows it by for its own repository (empty: none known). */
    record LocalImage(String digest) {
    }

    /** A subscription to one container's events; close it when the wait is over. */
    interface ContainerWatch extends AutoCloseable {
        /**
         * Returns what the engine reported about the container since the last call ({@code start},
         * {@code die}, {@code health_status: healthy}, ...) as soon as there is anything, or nothing after
         * {@code max}; a watch whose event stream failed waits {@code max}.
         */
        List<String> await(Duration max);

        @Override
        void close();
    }

    /** How a hook's job ended: its exit code, or timed out, with the last lines it wrote. */
    record JobResult(int exitCode, boolean timedOut, String logTail) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /** One engine event about a tenant's container, with the engine's time in nanoseconds. */
    record EngineEvent(String tenant, String component, String action, long timeNanos) {
    }
}
