package io.mooring.engine;

import io.mooring.model.DesiredService;
import io.mooring.model.ObservedService;
import io.mooring.model.SwarmFile;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A Docker Swarm, through one of its managers, in Mooring's words: a tenant's services, their secrets and configs and
 * its overlay network. Nothing here touches a service, secret, config or network without the tenant's Mooring labels;
 * every method that removes treats "already gone" as success.
 */
public interface SwarmEngine extends AutoCloseable {
    /** Whether the engine is a manager of an active swarm (only a manager may be asked the rest). */
    boolean manager();

    /** The tenant's services, with their update status and tasks, found by the tenant's label. */
    List<ObservedService> services(String tenant);

    /**
     * Creates the service, its image given as {@code pinned} (the image pinned to the digest the plan resolved), labelled
     * with the tenant, component, revision, spec hash and digest; returns its id. Its secrets and configs and its networks
     * must exist ({@link #ensureFiles}, {@link #ensureNetwork}).
     */
    String create(DesiredService service, String revision, String pinned, String digest);

    /** Updates the service to the desired spec, as Swarm rolls it out by the service's update policy. */
    void update(ObservedService current, DesiredService service, String revision, String pinned, String digest);

    /**
     * Puts the service back to the spec it had before its last update, as {@code docker service rollback} does, by the
     * service's rollback policy; {@link #await} then ends in Swarm's {@code rollback_completed} (not {@code completed}).
     */
    void rollback(ObservedService current);

    /**
     * Follows the service until its update (or, after a create, its first tasks) ends or {@code timeout} passes: the
     * outcome says whether it completed, and when not, Swarm's state and message, and the failed task's error and exit code.
     * A new service's tasks count once they have run for the service's update monitor, as an update's are watched.
     */
    Rollout await(String serviceId, Duration timeout);

    /** Removes the service (its tasks' containers go with it; volumes stay). */
    void remove(ObservedService service);

    /** Makes each of the tenant's secrets and configs that the swarm does not have yet, labelled as the tenant's. */
    void ensureFiles(String tenant, Collection<SwarmFile> files);

    /** Removes the tenant's secrets and configs whose names are not in {@code keep} and that no service uses. */
    void pruneFiles(String tenant, Set<String> keep);

    /** Makes the tenant's attachable overlay network unless it is there; another's network of the name is refused. */
    void ensureNetwork(String name, String tenant);

    /** Removes the tenant's overlay networks that no service uses; returns the names removed. */
    List<String> removeNetworks(String tenant);

    @Override
    void close();

    /**
     * How following a service ended.
     *
     * @param completed   the update completed (or the first tasks are all running and healthy)
     * @param state       Swarm's update state ({@code completed}, {@code rollback_completed}, {@code paused}, ...) or
     *                    {@code timeout}
     * @param message     Swarm's message, or what Mooring saw
     * @param taskError   the error of the last task that failed, empty when none did
     * @param exitCode    that task's container's exit code, null when unknown
     */
    record Rollout(boolean completed, String state, String message, String taskError, Integer exitCode) {
    }
}
