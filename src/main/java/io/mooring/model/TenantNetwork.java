package io.mooring.model;

/**
 * Each tenant's own bridge network, {@code mooring-<tenant>}: its containers reach each other there by component
 * name, as under Compose, and nothing of another tenant is on it. A container with {@code network_mode: host} or
 * {@code none} keeps that; {@code bridge} (Compose's default) means the tenant's network, never Docker's shared one.
 */
public final class TenantNetwork {
    public static final String PREFIX = "mooring-";

    private TenantNetwork() {
    }

    public static String name(String tenant) {
        return PREFIX + tenant;
    }

    /** Whether a container asking for this access joins its tenant's network. */
    public static boolean joins(HostAccess access) {
        return access.networkMode().isEmpty() || access.networkMode().equals("bridge");
    }
}
