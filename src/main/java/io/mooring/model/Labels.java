package io.mooring.model;

/** The labels by which Mooring knows the containers, volumes and networks it owns. */
public final class Labels {
    public static final String TENANT = "io.mooring.tenant";
    public static final String COMPONENT = "io.mooring.component";
    public static final String REVISION = "io.mooring.revision";
    public static final String SPEC_HASH = "io.mooring.spec-hash";
    public static final String NODE = "io.mooring.node";
    /** The image reference as the revision wrote it; the engine may show an image id instead once the tag moves. */
    public static final String IMAGE = "io.mooring.image";
    /** The registry digest the image reference was pinned to when the container was created. */
    public static final String DIGEST = "io.mooring.digest";
    /** A short hash per spec field, {@code field=hash;...}, so that a plan can say which field changed. */
    public static final String SPEC_FIELDS = "io.mooring.spec-fields";
    /** "true" on a component's container that runs once (another waits for it to complete): never started again by Mooring. */
    public static final String RUN_ONCE = "io.mooring.run-once";
    /** Set on a hook job's container: the hook's name. */
    public static final String JOB = "io.mooring.job";
    /** "true" when the component's named volumes go with it once it is no longer desired. */
    public static final String PRUNE_VOLUMES = "io.mooring.prune-volumes";
    /**
     * The named volumes the container mounts that components.yml declares {@code external}, comma-separated: made by the
     * operator, never pruned with the container. Set when the container is created, never part of its spec hash.
     */
    public static final String EXTERNAL_VOLUMES = "io.mooring.external-volumes";
    /** The container's stop_grace_period in seconds, when components.yml set one: how long Mooring's stop waits. Not hashed. */
    public static final String STOP_TIMEOUT = "io.mooring.stop-timeout";
    /**
     * The host ports the container publishes, as its spec wrote them ({@code [ip:]hostPort:containerPort/protocol}, IPv6 in
     * brackets, comma-separated): the engine lists none for a container that is not running, but its tenant still holds them.
     * Set when the container is created, never part of its spec hash.
     */
    public static final String PORTS = "io.mooring.ports";
    /** Set on a network Mooring made for a tenant (with {@link #TENANT}): what the network is for, {@value #TENANT_NETWORK}. */
    public static final String NETWORK = "io.mooring.network";
    public static final String TENANT_NETWORK = "tenant";

    private Labels() {
    }
}
