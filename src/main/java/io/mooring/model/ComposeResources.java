package io.mooring.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a components.yml declares beside its services: named volumes, networks inside the tenant, and secrets
 * and configs read from files of the tenant's folder. Names are as written; the engine's names are the tenant's
 * ({@link #volumeName}, {@link #networkName}).
 */
public record ComposeResources(Map<String, VolumeSpec> volumes, Map<String, NetworkSpec> networks,
                               Map<String, FileSource> secrets, Map<String, FileSource> configs) {
    public static final ComposeResources NONE = new ComposeResources(Map.of(), Map.of(), Map.of(), Map.of());
    /** The network Compose calls {@code default}: the tenant's own. */
    public static final String DEFAULT_NETWORK = "default";

    public ComposeResources {
        volumes = Map.copyOf(volumes);
        networks = Map.copyOf(networks);
        secrets = Map.copyOf(secrets);
        configs = Map.copyOf(configs);
    }

    /**
     * A named volume: {@code name} is what Compose would call it (the key, unless {@code name:} is written), always
     * kept inside the tenant's names; {@code external} ones are used, never created.
     */
    public record VolumeSpec(String name, boolean external, String driver, SortedMap<String, String> driverOptions,
                             SortedMap<String, String> labels, Location location) {
        public VolumeSpec {
            driverOptions = new TreeMap<>(driverOptions);
            labels = new TreeMap<>(labels);
        }

        /**
         * Whether local driver options bind a host folder: {@code o} naming bind or rbind in any spelling, or type none
         * with a device. The engine follows links in such a device when it mounts it, out of any guardrail's sight.
         */
        public static boolean bindsHostFolder(java.util.Map<String, String> options) {
            String o = options.getOrDefault("o", "").toLowerCase(java.util.Locale.ROOT);
            String type = options.getOrDefault("type", "").strip().toLowerCase(java.util.Locale.ROOT);
            return o.contains("bind") || (type.equals("none") && options.containsKey("device"));
        }
    }

    /** A user-defined bridge inside the tenant; {@code subnet} (CIDR) may be empty, and then addresses cannot be fixed. */
    public record NetworkSpec(String name, boolean internal, String subnet, String gateway, SortedMap<String, String> labels,
                              Location location) {
        public NetworkSpec {
            labels = new TreeMap<>(labels);
        }
    }

    /**
     * A secret's or config's content, read from {@code path} in the tenant's folder. The bytes are shared, never handed
     * out (each caller gets a copy), and hashed once; its toString never shows the content.
     */
    public static final class FileSource {
        private final String path;
        private final byte[] content;
        private final Location location;
        private final String digest;

        public FileSource(String path, byte[] content, Location location) {
            this.path = path;
            this.content = content;
            this.location = location;
            this.digest = Sha256.hex(content);
        }

        public String path() {
            return path;
        }

        public byte[] content() {
            return content.clone();
        }

        public Location location() {
            return location;
        }

        /** SHA-256 of the content: what the spec hash and a plan see of it. */
        public String digest() {
            return digest;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FileSource f && f.path.equals(path) && f.digest.equals(digest);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + digest.hashCode();
        }

        @Override
        public String toString() {
            return "FileSource[" + path + ", " + content.length + " bytes]";
        }
    }

    /** The engine's name of a tenant's named volume: {@code data} of tenant {@code acme} is {@code acme_data}. */
    public static String volumeName(String tenant, String name) {
        return tenant + "_" + name;
    }

    /**
     * The engine's name of a tenant's network: {@code default} is the tenant's own, others {@code mooring-<tenant>-N-<name>}.
     * Tenant names are lower-case, so the upper-case mark ends the tenant's part: no tenant's name can reach another's.
     */
    public static String networkName(String tenant, String name) {
        return name.equals(DEFAULT_NETWORK) ? TenantNetwork.name(tenant) : TenantNetwork.name(tenant) + "-N-" + name;
    }
}
