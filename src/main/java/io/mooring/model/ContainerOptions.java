package io.mooring.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Compose options of a container once filled in and checked, by Compose key (the keys of {@link ServiceOptions}).
 *
 * @param entrypoint the entrypoint; null: the image's
 * @param text       hostname, domainname, user, working_dir, stop_signal, platform, pull_policy, logging.driver
 * @param numbers    bytes (shm_size, mem_limit, mem_reservation, memswap_limit), nano_cpus, pids_limit, stop_grace_period
 *                   (seconds)
 * @param flags      init, read_only, tty, stdin_open: the ones set, true or false
 * @param lists      dns, dns_search, dns_opt, expose (port/protocol), cap_drop, security_opt
 * @param maps       tmpfs (path: mount options), sysctls, ulimits (name: soft:hard), logging.options
 * @param networks   the networks it joins, by the engine's name; empty: its tenant's own
 * @param files      the secrets and configs mounted into it
 * @param volumes    the declared (top-level) named volumes it mounts, by the engine's name: how to make them
 */
public record ContainerOptions(List<String> entrypoint, SortedMap<String, String> text, SortedMap<String, Long> numbers,
                               SortedMap<String, Boolean> flags, SortedMap<String, List<String>> lists,
                               SortedMap<String, SortedMap<String, String>> maps, List<NetworkAttachment> networks,
                               List<FileMount> files, SortedMap<String, ComposeResources.VolumeSpec> volumes) {
    public static final ContainerOptions NONE = new ContainerOptions(null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), new TreeMap<>(), List.of(), List.of(), new TreeMap<>());

    public ContainerOptions {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        text = new TreeMap<>(text);
        numbers = new TreeMap<>(numbers);
        flags = new TreeMap<>(flags);
        lists = new TreeMap<>(lists);
        maps = new TreeMap<>(maps);
        networks = List.copyOf(networks);
        files = List.copyOf(files);
        volumes = new TreeMap<>(volumes);
    }

    public ContainerOptions withVolumes(SortedMap<String, ComposeResources.VolumeSpec> declared) {
        return new ContainerOptions(entrypoint, text, numbers, flags, lists, maps, networks, files, declared);
    }

    /** These options with one more text value (such as {@code x-mooring.certs}, which the spec hash then holds). */
    public ContainerOptions withText(String key, String value) {
        SortedMap<String, String> more = new java.util.TreeMap<>(text);
        more.put(key, value);
        return new ContainerOptions(entrypoint, more, numbers, flags, lists, maps, networks, files, volumes);
    }

    /** These options with more secret files (a tenant's certificate files, delivered like secrets). */
    public ContainerOptions withFiles(List<FileMount> more) {
        List<FileMount> all = new java.util.ArrayList<>(files);
        all.addAll(more);
        return new ContainerOptions(entrypoint, text, numbers, flags, lists, maps, networks, all, volumes);
    }

    /**
     * A network the container joins: {@code network} is the engine's name, {@code key} the name components.yml gives it;
     * it answers there to its service's name and {@code aliases}, at {@code ipv4Address} when one is fixed ("" if not).
     * {@code internal}, {@code subnet}, {@code gateway} and {@code labels} are the network's own, for making it; the tenant's
     * own network ({@code default}) has none. Labels are given when the network is made, never changed after, so they are
     * not part of what the container joins.
     */
    public record NetworkAttachment(String network, String key, List<String> aliases, String ipv4Address, boolean internal,
                                    String subnet, String gateway, SortedMap<String, String> labels) {
        public NetworkAttachment {
            aliases = List.copyOf(aliases);
            labels = new TreeMap<>(labels);
        }

        public NetworkAttachment(String network, String key, List<String> aliases, String ipv4Address, boolean internal, String subnet,
                                 String gateway) {
            this(network, key, aliases, ipv4Address, internal, subnet, gateway, new TreeMap<>());
        }

        @Override
        public String toString() {
            // The network's own settings too: a change of them is a change of what the container joins.
            return key + (aliases.isEmpty() ? "" : " " + aliases) + (ipv4Address.isEmpty() ? "" : " " + ipv4Address)
                    + (internal ? " internal" : "") + (subnet.isEmpty() ? "" : " subnet " + subnet + (gateway.isEmpty() ? "" : " " + gateway));
        }
    }

    /** A secret or config: {@code source}'s content, read-only at {@code target} with file {@code mode}, owned by {@code uid}:{@code gid}. */
    public record FileMount(boolean secret, String name, String target, int mode, int uid, int gid, ComposeResources.FileSource source) {
        @Override
        public String toString() {
            return name + " -> " + target + " " + Integer.toOctalString(mode) + (uid == 0 && gid == 0 ? "" : " " + uid + ":" + gid)
                    + " sha256:" + source.digest().substring(0, 12);
        }

        /**
         * The name of the file the agent keeps for it and the engine mounts: its content's SHA-256 with the mode and owner it
         * is delivered with, so that one content mounted with two modes or owners is two files, and the same file is shared.
         */
        public String key() {
            return source.digest() + "-" + String.format("%04o", mode) + "-" + uid + "-" + gid;
        }
    }

    public String text(String key) {
        return text.getOrDefault(key, "");
    }

    public List<String> list(String key) {
        return lists.getOrDefault(key, List.of());
    }

    public SortedMap<String, String> map(String key) {
        return maps.getOrDefault(key, new TreeMap<>());
    }

    /** Whether the container joins only its tenant's own network (with its service's name), as before networks were written. */
    public boolean defaultNetworkOnly() {
        return networks.isEmpty();
    }
}
