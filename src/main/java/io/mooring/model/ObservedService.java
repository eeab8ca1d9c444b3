package io.mooring.model;

import java.util.List;
import java.util.Map;

/**
 * A Swarm service of a tenant as the engine reports it, read from its labels and status.
 *
 * @param image         the image reference as the revision wrote it (Mooring's {@link Labels#IMAGE} label), as for a
 *                      container: the engine's spec holds it pinned to {@code digest}
 * @param digest        the registry digest it was pinned to when created or last updated ({@link Labels#DIGEST}; empty:
 *                      not pinned)
 * @param updateState   the last update's state as Swarm writes it ({@code updating}, {@code completed},
 *                      {@code paused}, {@code rollback_started}, {@code rollback_completed}, ...), empty when none
 * @param updateMessage Swarm's message with it
 * @param desired       replicas asked
 * @param running       tasks running now
 * @param tasks         its tasks that are meant to run, and the last ones that failed
 * @param specFields    the short hash of each spec field when Mooring last set its spec ({@link Labels#SPEC_FIELDS},
 *                      {@code field=hash;...}, as on a container), so that a plan says which changed; empty when not
 *                      recorded
 */
public record ObservedService(String id, String name, String tenant, String component, String revision, String specHash,
                              String image, String digest, long version, String updateState, String updateMessage,
                              int desired, int running, List<Task> tasks, Map<String, String> specFields) {
    public ObservedService {
        tasks = List.copyOf(tasks);
        specFields = Map.copyOf(specFields);
    }

    /** A service whose spec fields are not known (made without the label, or read without it). */
    public ObservedService(String id, String name, String tenant, String component, String revision, String specHash,
                           String image, String digest, long version, String updateState, String updateMessage,
                           int desired, int running, List<Task> tasks) {
        this(id, name, tenant, component, revision, specHash, image, digest, version, updateState, updateMessage, desired, running,
                tasks, Map.of());
    }

    /**
     * One task: its slot, the node it runs on (its host name), its state as Swarm says it ({@code running},
     * {@code failed}, {@code shutdown}, ...), what it was asked to be, its error and its container's exit code.
     */
    public record Task(String id, int slot, String node, String state, String desiredState, String error, Integer exitCode,
                       String image) {
    }
}
