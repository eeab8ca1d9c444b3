package io.mooring.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Compose keys of a service beyond image, command, environment, ports, volumes, health, dependencies and host
 * access, as written, before the inventory's variables are filled in; each is checked once filled in.
 *
 * @param values   single values by Compose key ({@code hostname}, {@code mem_limit}, {@code init}, ...); the
 *                 {@code deploy.resources} forms are read into the plain keys ({@code cpus}, {@code mem_limit},
 *                 {@code mem_reservation}, {@code pids_limit}); what Docker Swarm reads of {@code deploy} as
 *                 {@code deploy.<key>} ({@link #SWARM_KEYS}: {@code deploy.replicas} and {@code deploy.mode} as written, the
 *                 others empty, where their mapping is written) and {@code deploy.<key>.<field>} (such as
 *                 {@code deploy.update_config.order}); {@code deploy.resources.reservations.cpus} as {@code cpu_reservation}
 * @param lists    lists by Compose key ({@code entrypoint}, {@code dns}, {@code expose}, {@code tmpfs}, ...,
 *                 {@code deploy.placement.constraints})
 * @param maps     name/value pairs by Compose key ({@code sysctls}, {@code ulimits} as {@code soft:hard},
 *                 {@code logging.options})
 * @param networks the networks it joins; empty: the tenant's own ({@code default})
 * @param files    the secrets and configs it is given, as files
 * @param profiles the profiles it belongs to; empty: always active
 * @param conditions what each dependency must be before this service starts ({@code service_started},
 *                 {@code service_healthy}, {@code service_completed_successfully}); {@code optional} names the
 *                 dependencies written {@code required: false}
 */
public record ServiceOptions(Map<String, Template> values, Map<String, List<Template>> lists,
                             Map<String, Map<String, Template>> maps, List<NetworkRef> networks, List<FileRef> files,
                             Set<String> profiles, Map<String, String> conditions, Set<String> optional) {
    /** The key in {@code values} of {@code x-mooring.certs}: the folder the tenant's certificate files are mounted in. */
    public static final String CERTS = "x-mooring.certs";
    /** The keys in {@code values} of the {@code deploy} keys only Docker Swarm reads, where each is written. */
    public static final List<String> SWARM_KEYS = List.of("deploy.replicas", "deploy.mode", "deploy.placement", "deploy.update_config",
            "deploy.rollback_config", "deploy.restart_policy");
    public static final ServiceOptions NONE = new ServiceOptions(Map.of(), Map.of(), Map.of(), List.of(), List.of(), Set.of(),
            Map.of(), Set.of());

    public ServiceOptions {
        values = Map.copyOf(values);
        lists = Map.copyOf(lists);
        maps = Map.copyOf(maps);
        networks = List.copyOf(networks);
        files = List.copyOf(files);
        profiles = Set.copyOf(profiles);
        conditions = Map.copyOf(conditions);
        optional = Set.copyOf(optional);
    }

    public ServiceOptions withNetworks(List<NetworkRef> other) {
        return new ServiceOptions(values, lists, maps, other, files, profiles, conditions, optional);
    }

    public ServiceOptions withDependencies(Map<String, String> conditions, Set<String> optional) {
        return new ServiceOptions(values, lists, maps, networks, files, profiles, conditions, optional);
    }

    /** A network a service joins, with the other names it answers to there and its fixed address, if any. */
    public record NetworkRef(String name, List<Template> aliases, Template ipv4Address, Location location) {
        public NetworkRef {
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * A secret or config given to a service: the top-level entry {@code source}, mounted read-only at {@code target}
     * ({@code /run/secrets/<source>} for a secret, {@code /<source>} for a config, unless written), owned by {@code uid}
     * and {@code gid} (root unless written).
     */
    public record FileRef(boolean secret, String source, String target, int mode, int uid, int gid, Location location) {
        public FileRef withOwner(int newUid, int newGid) {
            return new FileRef(secret, source, target, mode, newUid, newGid, location);
        }
    }

    public Template value(String key) {
        return values.get(key);
    }

    public List<Template> list(String key) {
        return lists.getOrDefault(key, List.of());
    }

    public Map<String, Template> map(String key) {
        return maps.getOrDefault(key, Map.of());
    }
}
