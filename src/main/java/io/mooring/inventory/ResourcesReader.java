package io.mooring.inventory;

import io.mooring.model.ComposeResources;
import io.mooring.model.SubnetPool;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the top-level {@code volumes}, {@code networks}, {@code secrets} and {@code configs} of a components.yml.
 * Whatever would reach beyond the tenant is refused where it is written: external networks (another tenant's, or
 * the host's), volume drivers and options that mount something other than a tenant's own storage, secrets of Swarm.
 */
final class ResourcesReader {
    private static final Set<String> VOLUME_KEYS = Set.of("name", "external", "driver", "driver_opts", "labels");
    private static final Set<String> VOLUME_OPTIONS = Set.of("type", "o", "device");
    private static final Set<String> NETWORK_KEYS = Set.of("name", "external", "driver", "driver_opts", "internal", "attachable",
            "enable_ipv6", "ipam", "labels");
    private static final Set<String> IPAM_KEYS = Set.of("driver", "config", "options");
    private static final Set<String> IPAM_CONFIG_KEYS = Set.of("subnet", "gateway", "ip_range", "aux_addresses");
    private static final Set<String> FILE_KEYS = Set.of("file", "external", "name", "environment", "content", "labels");
    private static final String NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}";
    /** The engine's address pools hold about 31 bridges by default; a tenant's file must not take them all. */
    static final int MAX_NETWORKS = 8;

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;
    private final TenantFiles files;
    /** Secrets, configs and networks declared but refused (each reported): using one is not a second problem. */
    private final Set<String> refused = new java.util.HashSet<>();

    ResourcesReader(ComponentsReader reader, YamlNodes nodes, Problems problems, TenantFiles files) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
        this.files = files;
    }

    ComposeResources read(Map<String, Node> top) {
        Map<String, ComposeResources.VolumeSpec> volumes = new LinkedHashMap<>();
        Map<String, String> volumeNames = new HashMap<>();
        entries(top.get("volumes"), "volumes").forEach((name, node) -> {
            ComposeResources.VolumeSpec volume = volume(name, node, "volumes." + name);
            String other = volumeNames.putIfAbsent(volume.name(), name);
            if (other != null) {
                // Two declarations of one volume: which one would be made (and checked) could not be told.
                problems.add(node, "volumes." + name + ": its name " + ComponentsReader.shorten(volume.name()) + " is already volumes."
                        + other + "'s; each declared volume needs a name of its own");
            }
            volumes.put(name, volume);
        });
        Map<String, ComposeResources.NetworkSpec> networks = new LinkedHashMap<>();
        Map<String, Node> networkNodes = entries(top.get("networks"), "networks");
        if (networkNodes.size() > MAX_NETWORKS) {
            problems.add(top.get("networks"), "networks: at most " + MAX_NETWORKS + " networks a tenant; each is a bridge on every host");
        }
        networkNodes.forEach((name, node) -> network(name, node, "networks." + name)
                .ifPresentOrElse(n -> networks.put(name, n), () -> refused.add(name)));
        Map<String, ComposeResources.FileSource> secrets = new LinkedHashMap<>();
        entries(top.get("secrets"), "secrets").forEach((name, node) -> file(node, "secrets." + name, true)
                .ifPresentOrElse(f -> secrets.put(name, f), () -> refused.add(name)));
        Map<String, ComposeResources.FileSource> configs = new LinkedHashMap<>();
        entries(top.get("configs"), "configs").forEach((name, node) -> file(node, "configs." + name, false)
                .ifPresentOrElse(f -> configs.put(name, f), () -> refused.add(name)));
        return new ComposeResources(volumes, networks, secrets, configs);
    }

    Set<String> refused() {
        return refused;
    }

    private Map<String, Node> entries(Node node, String what) {
        Map<String, Node> entries = nodes.mapping(node, what, null);
        YamlNodes.keyNodes(node).forEach((name, key) -> {
            if (!name.matches(NAME)) {
                problems.add(key, what + ": '" + ComponentsReader.shorten(name) + "' must be letters, digits, '_', '.' or '-'");
                entries.remove(name);
            }
        });
        return entries;
    }

    private ComposeResources.VolumeSpec volume(String key, Node node, String what) {
        Map<String, Node> keys = nodes.mapping(node, what, VOLUME_KEYS);
        String name = keys.containsKey("name") ? name(keys.get("name"), what + ".name") : key;
        boolean external = external(keys.get("external"), what);
        String driver = keys.containsKey("driver") ? nodes.scalar(keys.get("driver"), what + ".driver").orElse("local") : "local";
        if (!driver.equals("local")) {
            problems.add(keys.get("driver"), what + ".driver " + ComponentsReader.shorten(driver) + ": volume plugins run on the host;"
                    + " only the local driver is supported");
        }
        Map<String, Node> optionNodes = nodes.mapping(keys.get("driver_opts"), what + ".driver_opts", VOLUME_OPTIONS);
        TreeMap<String, String> options = new TreeMap<>();
        optionNodes.forEach((option, value) -> nodes.scalar(value, what + ".driver_opts." + option).ifPresent(v -> options.put(option, v)));
        String type = options.getOrDefault("type", "").strip().toLowerCase(java.util.Locale.ROOT);
        if (ComposeResources.VolumeSpec.bindsHostFolder(options)) {
            // The device would be read by the engine, following links a container may have planted there.
            problems.add(keys.get("driver_opts"), what + ".driver_opts: a named volume that binds a host folder (o: bind, or"
                    + " type: none with a device) is refused, since the engine would follow links in its device; write a bind"
                    + " mount under the service's volumes: instead (/srv/host/folder:/in/container), which the bind-mount"
                    + " guardrails and the link check see");
        } else if (!options.isEmpty() && !(type.equals("tmpfs") && options.getOrDefault("device", "tmpfs").equals("tmpfs"))) {
            problems.add(keys.get("driver_opts"), what + ".driver_opts: only a tmpfs (type: tmpfs) is supported; network file"
                    + " systems are mounted by the host, not by a tenant, and a host folder is a bind mount under the service's"
                    + " volumes:");
        }
        return new ComposeResources.VolumeSpec(name, external, driver, options, labels(keys.get("labels"), what + ".labels"),
                problems.at(node));
    }

    private Optional<ComposeResources.NetworkSpec> network(String key, Node node, String what) {
        Map<String, Node> keys = nodes.mapping(node, what, NETWORK_KEYS);
        if (keys.containsKey("external") && external(keys.get("external"), what)) {
            problems.add(keys.get("external"), what + ".external: a tenant's containers join only the tenant's own networks (another"
                    + " network could be another tenant's); declare the network here, and the services that must meet on it");
            return Optional.empty();
        }
        if (key.equals(ComposeResources.DEFAULT_NETWORK)) {
            if (!keys.isEmpty()) {
                problems.add(node, what + ": the default network is the tenant's own, which Mooring makes; it takes no settings");
            }
            return Optional.empty();
        }
        String driver = keys.containsKey("driver") ? nodes.scalar(keys.get("driver"), what + ".driver").orElse("bridge") : "bridge";
        if (!driver.equals("bridge")) {
            problems.add(keys.get("driver"), what + ".driver " + ComponentsReader.shorten(driver) + ": only bridge networks are supported");
        }
        for (String refused : List.of("driver_opts", "enable_ipv6")) {
            if (keys.containsKey(refused) && !(refused.equals("enable_ipv6") && !reader.bool(keys.get(refused), what + "." + refused))) {
                problems.add(keys.get(refused), what + "." + refused + " is not supported; Mooring's networks are plain IPv4 bridges");
            }
        }
        if (keys.containsKey("attachable")) {
            reader.bool(keys.get("attachable"), what + ".attachable");
        }
        boolean internal = keys.containsKey("internal") && reader.bool(keys.get("internal"), what + ".internal");
        String[] subnet = subnet(keys.get("ipam"), what + ".ipam");
        String name = keys.containsKey("name") ? name(keys.get("name"), what + ".name") : key;
        return Optional.of(new ComposeResources.NetworkSpec(name, internal, subnet[0], subnet[1],
                labels(keys.get("labels"), what + ".labels"), problems.at(node)));
    }

    /** The one subnet and gateway of ipam.config, or empty strings. */
    private String[] subnet(Node node, String what) {
        Map<String, Node> ipam = nodes.mapping(node, what, IPAM_KEYS);
        if (ipam.containsKey("driver") && !nodes.scalar(ipam.get("driver"), what + ".driver").orElse("").equals("default")) {
            problems.add(ipam.get("driver"), what + ".driver: only default is supported");
        }
        List<Node> configs = ipam.containsKey("config") ? nodes.sequence(ipam.get("config"), what + ".config") : List.of();
        if (configs.size() > 1) {
            problems.add(ipam.get("config"), what + ".config: one subnet a network");
        }
        if (configs.isEmpty()) {
            return new String[] {"", ""};
        }
        Map<String, Node> config = nodes.mapping(configs.get(0), what + ".config", IPAM_CONFIG_KEYS);
        String subnet = config.containsKey("subnet") ? nodes.scalar(config.get("subnet"), what + ".config.subnet").orElse("") : "";
        if (!subnet.isEmpty() && !isCidr(subnet)) {
            problems.add(config.get("subnet"), what + ".config.subnet '" + ComponentsReader.shorten(subnet) + "' is not an IPv4 CIDR such as 172.28.0.0/16");
        }
        String gateway = config.containsKey("gateway") ? nodes.scalar(config.get("gateway"), what + ".config.gateway").orElse("") : "";
        if (!gateway.isEmpty() && !SubnetPool.holds(subnet, gateway)) {
            problems.add(config.get("gateway"), what + ".config.gateway '" + ComponentsReader.shorten(gateway) + "' is not an address of the subnet");
        }
        return new String[] {subnet, gateway};
    }

    static boolean isCidr(String text) {
        return SubnetPool.isSubnet(text) && text.substring(text.indexOf('/') + 1).matches("([89]|[12][0-9]|30)");
    }

    /** A secret's or config's content, from a file of the tenant's folder (or, for a config, written inline). */
    private Optional<ComposeResources.FileSource> file(Node node, String what, boolean secret) {
        Map<String, Node> keys = nodes.mapping(node, what, FILE_KEYS);
        for (String refused : List.of("external", "environment", "name")) {
            if (keys.containsKey(refused)) {
                problems.add(keys.get(refused), what + "." + refused + " is not supported: Mooring reads "
                        + (secret ? "secrets" : "configs") + " from files committed in the tenant's folder (file:)");
            }
        }
        if (!secret && keys.containsKey("content")) {
            return nodes.scalar(keys.get("content"), what + ".content").map(text -> new ComposeResources.FileSource(what,
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8), problems.at(keys.get("content"))));
        }
        if (!keys.containsKey("file")) {
            if (problems.lines().stream().noneMatch(l -> l == problems.at(node).line())) {
                problems.add(node, what + " needs file:, a file of the tenant's folder");
            }
            return Optional.empty();
        }
        Node at = keys.get("file");
        Optional<String> written = nodes.scalar(at, what + ".file");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        try {
            String path = files.resolve(problems.file(), written.get());
            Optional<byte[]> bytes = files.read(path);
            if (bytes.isEmpty()) {
                problems.add(at, what + ".file: no file " + path + " in the repository; commit it");
                return Optional.empty();
            }
            return Optional.of(new ComposeResources.FileSource(path, bytes.get(), problems.at(at)));
        } catch (TenantFiles.Refused e) {
            problems.add(at, what + ".file: " + e.getMessage());
            return Optional.empty();
        }
    }

    private boolean external(Node node, String what) {
        if (node == null) {
            return false;
        }
        if (node instanceof ScalarNode) {
            return reader.bool(node, what + ".external");
        }
        nodes.mapping(node, what + ".external", Set.of("name"));
        return true;
    }

    private String name(Node node, String what) {
        String name = nodes.scalar(node, what).orElse("");
        if (!name.matches(NAME)) {
            problems.add(node, what + " '" + ComponentsReader.shorten(name) + "' must be letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    private TreeMap<String, String> labels(Node node, String what) {
        TreeMap<String, String> labels = new TreeMap<>();
        if (node instanceof SequenceNode) {
            nodes.scalarList(node, what).forEach(item -> {
                String[] pair = item.getValue().split("=", 2);
                labels.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        } else {
            nodes.mapping(node, what, null).forEach((k, v) -> labels.put(k, YamlNodes.isNull(v) ? "" : nodes.scalar(v, what + "." + k).orElse("")));
        }
        labels.keySet().stream().filter(l -> l.startsWith("io.mooring.")).forEach(l -> problems.add(node,
                what + ": labels starting with io.mooring. are Mooring's own"));
        return labels;
    }
}
