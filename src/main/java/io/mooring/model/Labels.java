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

    private Labels() {
    }
}
