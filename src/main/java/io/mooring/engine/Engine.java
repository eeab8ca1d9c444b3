package io.mooring.engine;

import io.mooring.model.DesiredContainer;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.util.List;

/**
 * The local container engine, in Mooring's words. Every method that removes or stops treats
 * "already gone" as success; nothing here touches a container without Mooring's labels.
 */
public interface Engine extends AutoCloseable {
    /** Fails with {@link EngineException} when the engine does not answer. */
    void ping();

    /** The tenant's containers that Mooring created on this engine, found with one label-filtered list. */
    ObservedState observe(String tenant);

    boolean hasImage(ImageRef image);

    void pull(ImageRef image);

    /**
     * Creates the named volume with the tenant's label unless it exists; returns true when it created
     * it. An existing volume without labels is used as it is (data kept from before Mooring); one
     * labelled for another tenant is refused.
     */
    boolean ensureVolume(String name, String tenant);

    /** Creates (does not start) a container; {@code extraMounts} carry volumes over from the container it replaces. */
    String create(DesiredContainer spec, String name, String node, Revision revision, List<VolumeMount> extraMounts);

    void start(String id);

    void stop(String id);

    void remove(String id);

    void rename(String id, String name);

    ContainerStatus status(String id);

    /** The anonymous volumes mounted in a container, as mounts of those volumes by name. */
    List<VolumeMount> anonymousVolumes(String id);

    @Override
    void close();
}
