package io.mooring.model;

/**
 * A service's task's limits and reservations ({@code deploy.resources}); 0 means none.
 *
 * @param nanoCpus          CPU limit in billionths of a core
 * @param memoryBytes       memory limit
 * @param pids              process limit
 * @param reservedNanoCpus  CPU reserved on the node that takes the task
 * @param reservedMemoryBytes memory reserved on that node
 */
public record SwarmResources(long nanoCpus, long memoryBytes, long pids, long reservedNanoCpus, long reservedMemoryBytes) {
    public static final SwarmResources NONE = new SwarmResources(0, 0, 0, 0, 0);
}
