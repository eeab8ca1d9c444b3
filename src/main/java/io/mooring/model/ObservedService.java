package io.mooring.model;

import java.util.List;

/**
 * A Swarm service of a tenant as the engine reports it, read from its labels and status.
 *
 * @param updateState   the last update's state as Swarm writes it ({@code updating}, {@code completed},
 *                      {@code paused}, {@code rollback_started}, {@code rollback_completed}, ...), empty when none
 * @param updateMessage Swarm's message with it
 * @param desired       replicas asked
 * @param running       tasks running now
 * @param tasks         its tasks that are meant to run, and the last ones that failed
 */
public record ObservedService(String id, String name, String tenant, String component, String revision, String specHash,
                              String image, String digest, long version, String updateState, String updateMessage,
                              int desired, int running, List<Task> tasks) {
    public ObservedService {
        tasks = List.copyOf(tasks);
    }

    /**
     * One task: its slot, the node it runs on (its host name), its state as Swarm says it ({@code running},
     * {@code failed}, {@code shutdown}, ...), what it was asked to be, its error and its container's exit code.
     */
    public record Task(String id, int slot, String node, String state, String desiredState, String error, Integer exitCode,
                       String image) {
    }
}
