package io.mooring.inventory;

import io.mooring.model.DeviceMapping;
import io.mooring.model.HostAccess;
import io.mooring.model.Location;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one entry of components.yml's {@code services}: the Compose keys Mooring supports, and its {@code x-mooring} block. */
final class ServiceReader {
    private static final Set<String> SERVICE_KEYS = keys("image", "command", "environment", "env_file", "ports", "volumes",
            "healthcheck", "depends_on", "restart", "labels", "network_mode", "extra_hosts",
            "privileged", "pid", "ipc", "cap_add", "devices", "build", "extends", "x-mooring");
    private static final Set<String> DEVICE_KEYS = Set.of("source", "target", "permissions");
    private static final Set<String> MOORING_KEYS = Set.of("roles", "skip_if_set", "probe", "hooks", "prune_volumes", "certs");
    private static final Set<String> DEPENDENCY_KEYS = Set.of("condition", "restart", "required");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");
    private static final Set<String> RESTART = Set.of("no", "always", "on-failure", "unless-stopped");
    private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "none");
    private static final Set<String> IPC_MODES = Set.of("host", "private", "shareable", "none");
    private static final String DEFAULT_RESTART = "unless-stopped";
    private static final String NAME = "[a-z0-9][a-z0-9_-]{0,62}";
    private static final String VARIABLE = "[A-Za-z_][A-Za-z0-9_]*";
    private static final String RESERVED_LABELS = "io.mooring.";
    /** The name patterns, compiled once: a service may hold thousands of names, each checked. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;
    private final TenantFiles files;
    private final Map<String, String> conditions = new LinkedHashMap<>();
    private final Set<String> optional = new LinkedHashSet<>();

    ServiceReader(ComponentsReader reader, YamlNodes nodes, Problems problems, TenantFiles files) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
        this.files = files;
    }

    private static boolean matches(String text, String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(text).matches();
    }

    private static Set<String> keys(String... own) {
        Set<String> all = new java.util.HashSet<>(Set.of(own));
        all.addAll(OptionsReader.KEYS);
        return Set.copyOf(all);
    }

    /** The service, or null when its name or its keys are wrong (each reported). */
    ServiceDefinition read(String name, Node node) {
        if (!matches(name, NAME)) {
            problems.add(node, "service name '" + name + "' must be lower-case letters, digits, '_' or '-' (at most 63)");
            return null;
        }
        return service(name, node);
    }

    private ServiceDefinition service(String name, Node node) {
        String where = "services." + name;
        Map<String, Node> keys = nodes.mapping(node, where, SERVICE_KEYS);
        if (keys.containsKey("build")) {
            problems.add(keys.get("build"), where + ".build: Mooring runs images from registries and builds none; build and push"
                    + " the image (in CI, say), then write image: registry/name:tag instead of build:");
            return null;
        }
        if (!keys.containsKey("image")) {
            problems.add(node, where + " needs an image");
            return null;
        }
        Map<String, Location> at = new HashMap<>();
        keys.forEach((key, value) -> at.put(key, problems.at(value)));
        Template image = template(keys.get("image"), where + ".image");
        List<Template> command = keys.containsKey("command") ? reader.command(keys.get("command"), where + ".command") : List.of();
        Map<String, Template> environment = new EnvFiles(reader, nodes, problems, files).read(keys.get("env_file"), where + ".env_file");
        environment.putAll(pairs(keys.get("environment"), where + ".environment", "environment variable",
                "[A-Za-z_][A-Za-z0-9_.]*", '='));
        LongSyntax longSyntax = new LongSyntax(reader, nodes, problems);
        List<Template> ports = longSyntax.ports(keys.get("ports"), where + ".ports");
        List<Template> tmpfs = new ArrayList<>();
        List<Template> volumes = longSyntax.volumes(keys.get("volumes"), where + ".volumes", tmpfs);
        String restart = keys.containsKey("restart") ? choice(keys.get("restart"), where + ".restart", RESTART) : DEFAULT_RESTART;
        Map<String, Template> labels = pairs(keys.get("labels"), where + ".labels", "label", "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}", '=');
        labels.keySet().stream().filter(l -> l.startsWith(RESERVED_LABELS)).forEach(l -> problems.add(keys.get("labels"),
                "label " + l + ": labels starting with " + RESERVED_LABELS + " are Mooring's own"));
        List<Template> extraHosts = extraHosts(keys.get("extra_hosts"), where + ".extra_hosts");
        ServiceDefinition.Health health = keys.containsKey("healthcheck")
                ? new HealthcheckReader(reader, nodes, problems).read(keys.get("healthcheck"), where + ".healthcheck") : null;
        List<String> dependsOn = dependsOn(keys.get("depends_on"), where + ".depends_on");
        HostAccess access = new HostAccess(
                keys.containsKey("privileged") && reader.bool(keys.get("privileged"), where + ".privileged"),
                keys.containsKey("pid") ? choice(keys.get("pid"), where + ".pid", Set.of("host")) : "",
                keys.containsKey("ipc") ? choice(keys.get("ipc"), where + ".ipc", IPC_MODES) : "",
                names(keys.get("cap_add"), where + ".cap_add", "(CAP_)?[A-Za-z_]{1,32}", "capability"),
                keys.containsKey("network_mode") ? networkMode(keys.get("network_mode"), where + ".network_mode") : "",
                devices(keys.get("devices"), where + ".devices"));
        Map<String, Node> mooring = nodes.mapping(keys.get("x-mooring"), where + ".x-mooring", MOORING_KEYS);
        Set<String> roles = new LinkedHashSet<>(names(mooring.get("roles"), where + ".x-mooring.roles", NAME, "role"));
        List<String> skipIfSet = names(mooring.get("skip_if_set"), where + ".x-mooring.skip_if_set", VARIABLE, "variable");
        ServiceDefinition.RolloutSettings rollout = new RolloutReader(reader, nodes, problems).read(mooring, where + ".x-mooring");
        ServiceOptions options = new OptionsReader(reader, nodes, problems).read(keys, where, tmpfs)
                .withDependencies(conditions, optional);
        options = certs(options, mooring.get("certs"), where + ".x-mooring.certs");
        dependsOn = Links.dependencies(dependsOn, options);
        return new ServiceDefinition(name, problems.at(node), image, command, environment, ports, volumes, restart, labels,
                extraHosts, health, dependsOn, access, roles, skipIfSet, rollout, at, options);
    }

    /** {@code x-mooring.certs}: the absolute folder of the container the tenant's certificate files are mounted in. */
    private ServiceOptions certs(ServiceOptions options, Node node, String what) {
        Optional<String> path = node == null ? Optional.empty() : nodes.scalar(node, what);
        if (path.isEmpty()) {
            return options;
        }
        String folder = path.get().replaceAll("/+$", "");
        if (!folder.startsWith("/") || folder.contains("..") || !folder.matches("[A-Za-z0-9_./@+-]{2,255}")) {
            problems.add(node, what + ": '" + ComponentsReader.shorten(path.get()) + "' must be an absolute folder in the container,"
                    + " such as /etc/omnileads/certs (no variables, no '..')");
            return options;
        }
        Map<String, Template> values = new java.util.HashMap<>(options.values());
        values.put(ServiceOptions.CERTS, new Template(folder, problems.at(node)));
        return new ServiceOptions(values, options.lists(), options.maps(), options.networks(), options.files(), options.profiles(),
                options.conditions(), options.optional());
    }

    private Template template(Node node, String what) {
        return nodes.scalar(node, what).map(text -> new Template(text, problems.at(node))).orElse(Template.literal(""));
    }

    /** A list of names, each matching {@code pattern}; absent is empty. */
    private List<String> names(Node node, String what, String pattern, String kind) {
        if (node == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (ScalarNode item : nodes.scalarList(node, what)) {
            if (!matches(item.getValue(), pattern)) {
                problems.add(item, what + ": '" + ComponentsReader.shorten(item.getValue()) + "' is not a valid " + kind + " name");
            } else if (!names.add(item.getValue())) {
                problems.add(item, what + ": " + item.getValue() + " is listed twice");
            }
        }
        return List.copyOf(names);
    }

    /** Name/value pairs as a mapping (NAME: value) or a list of NAME=value, as environment and labels are written. */
    private Map<String, Template> pairs(Node node, String what, String kind, String namePattern, char separator) {
        Map<String, Template> pairs = new LinkedHashMap<>();
        if (node instanceof SequenceNode) {
            for (ScalarNode item : nodes.scalarList(node, what)) {
                int eq = item.getValue().indexOf(separator);
                if (eq <= 0) {
                    problems.add(item, "each item of " + what + " must be NAME" + separator + "value");
                } else {
                    put(pairs, item, kind, namePattern, item.getValue().substring(0, eq), item.getValue().substring(eq + 1));
                }
            }
            return pairs;
        }
        nodes.mapping(node, what, null).forEach((name, value) -> {
            if (YamlNodes.isNull(value)) {
                put(pairs, value, kind, namePattern, name, "");
            } else {
                nodes.scalar(value, what + "." + name).ifPresent(text -> put(pairs, value, kind, namePattern, name, text));
            }
        });
        return pairs;
    }

    private void put(Map<String, Template> pairs, Node node, String kind, String namePattern, String name, String value) {
        if (!matches(name, namePattern)) {
            problems.add(node, kind + " name '" + ComponentsReader.shorten(name) + "' must match " + namePattern);
        } else if (pairs.put(name, new Template(value, problems.at(node))) != null) {
            problems.add(node, kind + " " + name + " is set twice");
        }
    }

    /** extra_hosts as a list of "name:address" or a mapping name: address; the address is checked once filled in. */
    private List<Template> extraHosts(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof MappingNode) {
            List<Template> entries = new ArrayList<>();
            nodes.mapping(node, what, null).forEach((name, value) -> nodes.scalar(value, what + "." + name)
                    .ifPresent(address -> entries.add(new Template(name + ":" + address, problems.at(value)))));
            return entries;
        }
        return reader.templates(node, what);
    }

    /** depends_on as a list of services or a mapping service: {condition: ...}. */
    private List<String> dependsOn(Node node, String what) {
        conditions.clear();
        optional.clear();
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof MappingNode)) {
            return names(node, what, NAME, "service");
        }
        List<String> names = new ArrayList<>();
        nodes.mapping(node, what, null).forEach((name, options) -> {
            Map<String, Node> keys = nodes.mapping(options, what + "." + name, DEPENDENCY_KEYS);
            conditions.put(name, keys.containsKey("condition")
                    ? choice(keys.get("condition"), what + "." + name + ".condition", CONDITIONS) : "service_started");
            if (keys.containsKey("required") && !reader.bool(keys.get("required"), what + "." + name + ".required")) {
                optional.add(name);
            }
            if (keys.containsKey("restart")) {
                reader.bool(keys.get("restart"), what + "." + name + ".restart");
            }
            names.add(name);
        });
        return names;
    }

    /**
     * devices as Compose writes them, {@code HOST[:CONTAINER[:PERMISSIONS]]} or {@code {source, target, permissions}}, each
     * checked where it is written; what a tenant may be given of its host is written out, without variables.
     */
    private List<DeviceMapping> devices(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        List<DeviceMapping> devices = new ArrayList<>();
        for (Node item : nodes.sequence(node, what)) {
            Optional<String> text = item instanceof MappingNode ? longDevice(item, what) : nodes.scalar(item, "each item of " + what);
            if (text.isEmpty()) {
                continue;
            }
            try {
                DeviceMapping device = DeviceMapping.parse(text.get());
                if (devices.stream().anyMatch(d -> d.containerPath().equals(device.containerPath()))) {
                    problems.add(item, what + ": " + device.containerPath() + " is given to the container twice");
                } else {
                    devices.add(device);
                }
            } catch (IllegalArgumentException e) {
                problems.add(item, what + ": " + e.getMessage());
            }
        }
        return devices;
    }

    private Optional<String> longDevice(Node item, String what) {
        Map<String, Node> keys = nodes.mapping(item, what, DEVICE_KEYS);
        if (!keys.containsKey("source")) {
            problems.add(item, what + ": a device written as a mapping needs source, the device's path on the host");
            return Optional.empty();
        }
        Optional<String> source = nodes.scalar(keys.get("source"), what + ".source");
        Optional<String> target = keys.containsKey("target") ? nodes.scalar(keys.get("target"), what + ".target") : source;
        Optional<String> permissions = keys.containsKey("permissions")
                ? nodes.scalar(keys.get("permissions"), what + ".permissions") : Optional.of("rwm");
        if (source.isEmpty() || target.isEmpty() || permissions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(source.get() + ":" + target.get() + ":" + permissions.get());
    }

    private String choice(Node node, String what, Set<String> allowed) {
        String value = nodes.scalar(node, what).orElse("");
        if (!allowed.contains(value)) {
            problems.add(node, what + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + "; not '" + ComponentsReader.shorten(value) + "'");
        }
        return value;
    }

    private String networkMode(Node node, String what) {
        String value = nodes.scalar(node, what).orElse("");
        if (value.startsWith("service:") || value.startsWith("container:")) {
            problems.add(node, what + " '" + ComponentsReader.shorten(value)
                    + "': sharing another container's network is not supported; use bridge, host or none");
        } else if (!NETWORK_MODES.contains(value)) {
            problems.add(node, what + " must be bridge, host or none; not '" + ComponentsReader.shorten(value) + "'");
        }
        return value;
    }
}
