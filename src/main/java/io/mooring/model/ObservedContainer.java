package io.mooring.model;

import java.util.List;
import java.util.Map;

/**
 * A container Mooring created, as one label-filtered list call reports it now.
 *
 * @param image        the image reference the revision wrote (Mooring's label)
 * @param digest       the registry digest it was pinned to when created (empty: not pinned)
 * @param runningImage the image the engine says the container runs
 * @param specFields   the short hash of each spec field when it was created (empty for containers made before them)
 * @param job          the hook's name for a hook job's container; empty for the component's own container
 * @param volumes      the named volumes it mounts
 * @param anonymousVolumes the anonymous volumes it mounts, as mounts of those volumes by name
 * @param networks     the networks the engine says it is attached to (empty: not known, as for a container read from a revision)
 * @param externalVolumes the named volumes it mounts that components.yml declared external: never pruned
 * @param node         the node whose agent made it ({@code io.mooring.node}); empty for a container made before that label
 */
public record ObservedContainer(
        String id,
        String name,
        String tenant,
        String component,
        String revision,
        String specHash,
        String image,
        String state,
        String digest,
        String runningImage,
        Map<String, String> specFields,
        String job,
        boolean pruneVolumes,
        List<String> volumes,
        List<VolumeMount> anonymousVolumes,
        List<String> networks,
        List<String> externalVolumes,
        String node) {

    public ObservedContainer {
        specFields = Map.copyOf(specFields);
        volumes = List.copyOf(volumes);
        anonymousVolumes = List.copyOf(anonymousVolumes);
        networks = List.copyOf(networks);
        externalVolumes = List.copyOf(externalVolumes);
    }

    /** A container whose node is not known (a revision's, or one made before the node label). */
    public ObservedContainer(String id, String name, String tenant, String component, String revision, String specHash, String image,
                             String state, String digest, String runningImage, Map<String, String> specFields, String job,
                             boolean pruneVolumes, List<String> volumes, List<VolumeMount> anonymousVolumes, List<String> networks,
                             List<String> externalVolumes) {
        this(id, name, tenant, component, revision, specHash, image, state, digest, runningImage, specFields, job, pruneVolumes, volumes,
                anonymousVolumes, networks, externalVolumes, "");
    }

    /**
     * Whether the agent of {@code agentNode} may act on it: its own, or one made before containers carried their node, which
     * would otherwise be nobody's after an upgrade.
     */
    public boolean onNode(String agentNode) {
        return node.isEmpty() || node.equals(agentNode);
    }

    /** A container none of whose volumes is declared external (or not known to be). */
    public ObservedContainer(String id, String name, String tenant, String component, String revision, String specHash, String image,
                             String state, String digest, String runningImage, Map<String, String> specFields, String job,
                             boolean pruneVolumes, List<String> volumes, List<VolumeMount> anonymousVolumes, List<String> networks) {
        this(id, name, tenant, component, revision, specHash, image, state, digest, runningImage, specFields, job, pruneVolumes, volumes,
                anonymousVolumes, networks, List.of());
    }

    /** A container whose networks are not known. */
    public ObservedContainer(String id, String name, String tenant, String component, String revision, String specHash, String image,
                             String state, String digest, String runningImage, Map<String, String> specFields, String job,
                             boolean pruneVolumes, List<String> volumes, List<VolumeMount> anonymousVolumes) {
        this(id, name, tenant, component, revision, specHash, image, state, digest, runningImage, specFields, job, pruneVolumes, volumes,
                anonymousVolumes, List.of());
    }

    /** A container as the planner's tests and old labels know it: no digest, fields or volumes. */
    public ObservedContainer(String id, String name, String tenant, String component, String revision, String specHash,
                             String image, String state) {
        this(id, name, tenant, component, revision, specHash, image, state, "", image, Map.of(), "", false, List.of(), List.of(), List.of());
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** Whether it ran and exited with code 0: the engine's list call says {@code exited (0)}. */
    public boolean completed() {
        return COMPLETED.equals(state);
    }

    /** The state of a container that exited with code 0, as the engine adapter writes it. */
    public static final String COMPLETED = "exited (0)";

    /**
     * Whether the container must move to join {@code network}: it is known to be attached elsewhere. Nothing to join
     * (host or none) or networks not known: no.
     */
    public boolean offNetwork(String network) {
        return !network.isEmpty() && !networks.isEmpty() && !networks.contains(network);
    }

    public boolean isJob() {
        return !job.isEmpty();
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
