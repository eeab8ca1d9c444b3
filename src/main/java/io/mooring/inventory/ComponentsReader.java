package io.mooring.inventory;

import io.mooring.model.BackupSettings;
import io.mooring.model.HostAccess;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads components.yml: the supported subset of the Compose specification plus an {@code x-mooring} block. */
public final class ComponentsReader {
    private static final Set<String> TOP_KEYS = Set.of("services", "x-mooring");
    private static final Set<String> TOP_MOORING_KEYS = Set.of("backup");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "command", "environment", "ports", "volumes",
            "healthcheck", "depends_on", "restart", "labels", "network_mode", "extra_hosts",
            "privileged", "pid", "ipc", "cap_add", "x-mooring");
    private static final Set<String> MOORING_KEYS = Set.of("roles", "skip_if_set", "probe", "hooks", "prune_volumes");
    private static final Set<String> HEALTH_KEYS = Set.of("test", "interval", "timeout", "retries", "start_period", "disable");
    private static final Set<String> DEPENDENCY_KEYS = Set.of("condition", "restart", "required");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");
    private static final Set<String> RESTART = Set.of("no", "always", "on-failure", "unless-stopped");
    private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "none");
    private static final Set<String> IPC_MODES = Set.of("host", "private", "shareable", "none");
    private static final String DEFAULT_RESTART = "unless-stopped";
    private static final String NAME = "[a-z0-9][a-z0-9_-]{0,62}";
    private static final String VARIABLE = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(us|ms|s|m|h)");
    private static final String RESERVED_LABELS = "io.mooring.";

    private final Problems problems;
    private final YamlNodes nodes;

    private ComponentsReader(String file) {
        this.problems = new Problems(file);
        this.nodes = new YamlNodes(problems);
    }

    /** What a components.yml defines: its services, and the tenant's backups (top-level x-mooring.backup). */
    public record Definitions(List<ServiceDefinition> services, BackupSettings backup) {
        public Definitions {
            services = List.copyOf(services);
        }
    }

    public static List<ServiceDefinition> read(String file, byte[] bytes) {
        return readAll(file, bytes).services();
    }

    public static Definitions readAll(String file, byte[] bytes) {
        Node root = SafeYaml.parse(file, bytes);
        if (root == null) {
            throw new InvalidConfigException(Location.of(file), "components.yml is empty; it needs services:");
        }
        return new ComponentsReader(file).read(root);
    }

    private Definitions read(Node root) {
        Map<String, Node> top = nodes.mapping(root, "components.yml", TOP_KEYS);
        Map<String, Node> mooring = nodes.mapping(top.get("x-mooring"), "x-mooring", TOP_MOORING_KEYS);
        BackupSettings backup = new BackupReader(this, nodes, problems).read(mooring.get("backup"));
        if (!top.containsKey("services") && problems.isEmpty()) {
            problems.add(root, "components.yml needs a 'services:' mapping");
        }
        List<ServiceDefinition> services = new ArrayList<>();
        nodes.mapping(top.get("services"), "services", null).forEach((name, node) -> {
            if (!name.matches(NAME)) {
                problems.add(node, "service name '" + name + "' must be lower-case letters, digits, '_' or '-' (at most 63)");
                return;
            }
            ServiceDefinition service = service(name, node);
            if (service != null) {
                services.add(service);
            }
        });
        if (services.isEmpty() && problems.isEmpty()) {
            problems.add(root, "components.yml defines no services; a tenant needs at least one");
        }
        checkDependencies(services);
        SchemaCheck.COMPONENTS.check(root, problems);
        problems.throwIfAny();
        return new Definitions(services, backup);
    }

    private ServiceDefinition service(String name, Node node) {
        String where = "services." + name;
        Map<String, Node> keys = nodes.mapping(node, where, SERVICE_KEYS);
        if (!keys.containsKey("image")) {
            problems.add(node, where + " needs an image");
            return null;
        }
        Map<String, Location> at = new HashMap<>();
        keys.forEach((key, value) -> at.put(key, problems.at(value)));
        Template image = template(keys.get("image"), where + ".image");
        List<Template> command = keys.containsKey("command") ? command(keys.get("command"), where + ".command") : List.of();
        Map<String, Template> environment = pairs(keys.get("environment"), where + ".environment", "environment variable",
                "[A-Za-z_][A-Za-z0-9_.]*", '=');
        List<Template> ports = templates(keys.get("ports"), where + ".ports");
        List<Template> volumes = templates(keys.get("volumes"), where + ".volumes");
        String restart = keys.containsKey("restart") ? choice(keys.get("restart"), where + ".restart", RESTART) : DEFAULT_RESTART;
        Map<String, Template> labels = pairs(keys.get("labels"), where + ".labels", "label", "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}", '=');
        labels.keySet().stream().filter(l -> l.startsWith(RESERVED_LABELS)).forEach(l -> problems.add(keys.get("labels"),
                "label " + l + ": labels starting with " + RESERVED_LABELS + " are Mooring's own"));
        List<Template> extraHosts = extraHosts(keys.get("extra_hosts"), where + ".extra_hosts");
        ServiceDefinition.Health health = keys.containsKey("healthcheck") ? health(keys.get("healthcheck"), where + ".healthcheck") : null;
        List<String> dependsOn = dependsOn(keys.get("depends_on"), where + ".depends_on");
        HostAccess access = new HostAccess(
                keys.containsKey("privileged") && bool(keys.get("privileged"), where + ".privileged"),
                keys.containsKey("pid") ? choice(keys.get("pid"), where + ".pid", Set.of("host")) : "",
                keys.containsKey("ipc") ? choice(keys.get("ipc"), where + ".ipc", IPC_MODES) : "",
                names(keys.get("cap_add"), where + ".cap_add", "(CAP_)?[A-Za-z_]{1,32}", "capability"),
                keys.containsKey("network_mode") ? networkMode(keys.get("network_mode"), where + ".network_mode") : "");
        Map<String, Node> mooring = nodes.mapping(keys.get("x-mooring"), where + ".x-mooring", MOORING_KEYS);
        Set<String> roles = new LinkedHashSet<>(names(mooring.get("roles"), where + ".x-mooring.roles", NAME, "role"));
        List<String> skipIfSet = names(mooring.get("skip_if_set"), where + ".x-mooring.skip_if_set", VARIABLE, "variable");
        ServiceDefinition.RolloutSettings rollout = new RolloutReader(this, nodes, problems).read(mooring, where + ".x-mooring");
        return new ServiceDefinition(name, problems.at(node), image, command, environment, ports, volumes, restart, labels,
                extraHosts, health, dependsOn, access, roles, skipIfSet, rollout, at);
    }

    private Template template(Node node, String what) {
        return nodes.scalar(node, what).map(text -> new Template(text, problems.at(node))).orElse(Template.literal(""));
    }

    private List<Template> templates(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        return nodes.scalarList(node, what).stream().map(s -> new Template(s.getValue(), problems.at(s))).toList();
    }

    /** A list of names, each matching {@code pattern}; absent is empty. */
    private List<String> names(Node node, String what, String pattern, String kind) {
        if (node == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (ScalarNode item : nodes.scalarList(node, what)) {
            if (!item.getValue().matches(pattern)) {
                problems.add(item, what + ": '" + shorten(item.getValue()) + "' is not a valid " + kind + " name");
            } else if (names.contains(item.getValue())) {
                problems.add(item, what + ": " + item.getValue() + " is listed twice");
            } else {
                names.add(item.getValue());
            }
        }
        return names;
    }

    /** A command is a list, or a string split on white space with quotes kept together, as Compose does. */
    List<Template> command(Node node, String what) {
        if (node instanceof SequenceNode) {
            return templates(node, what);
        }
        return nodes.scalar(node, what).map(text -> split(node, text)).orElse(List.of());
    }

    private List<Template> split(Node node, String text) {
        try {
            return CommandLine.split(text).stream().map(word -> new Template(word, problems.at(node))).toList();
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
            return List.of();
        }
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
        if (!name.matches(namePattern)) {
            problems.add(node, kind + " name '" + shorten(name) + "' must match " + namePattern);
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
        return templates(node, what);
    }

    private ServiceDefinition.Health health(Node node, String what) {
        Map<String, Node> keys = nodes.mapping(node, what, HEALTH_KEYS);
        if (keys.containsKey("disable") && bool(keys.get("disable"), what + ".disable")) {
            return new ServiceDefinition.Health(List.of(Template.literal("NONE")), null, null, null, null);
        }
        List<Template> test = List.of();
        Node testNode = keys.get("test");
        if (testNode == null) {
            problems.add(node, what + " needs a test, such as [CMD, pg_isready] or \"curl -f http://localhost/\"");
        } else if (testNode instanceof SequenceNode) {
            test = templates(testNode, what + ".test");
            String kind = test.isEmpty() ? "" : test.get(0).text();
            if (!kind.equals("CMD") && !kind.equals("CMD-SHELL") && !kind.equals("NONE")) {
                problems.add(testNode, what + ".test as a list starts with CMD, CMD-SHELL or NONE");
            } else if (test.size() == 1 && !kind.equals("NONE")) {
                problems.add(testNode, what + ".test names no command after " + kind);
            }
        } else {
            test = nodes.scalar(testNode, what + ".test")
                    .map(text -> List.of(Template.literal("CMD-SHELL"), new Template(text, problems.at(testNode)))).orElse(List.of());
        }
        Integer retries = null;
        if (keys.containsKey("retries")) {
            Optional<String> text = nodes.scalar(keys.get("retries"), what + ".retries");
            if (text.isPresent() && text.get().matches("\\d{1,4}")) {
                retries = Integer.parseInt(text.get());
            } else if (text.isPresent()) {
                problems.add(keys.get("retries"), what + ".retries must be a whole number from 0 to 9999");
            }
        }
        return new ServiceDefinition.Health(test, duration(keys.get("interval"), what + ".interval"),
                duration(keys.get("timeout"), what + ".timeout"), retries, duration(keys.get("start_period"), what + ".start_period"));
    }

    /** A Compose duration such as 10s, 1m30s or 500ms; at most a day. */
    Duration duration(Node node, String what) {
        if (node == null) {
            return null;
        }
        Optional<String> text = nodes.scalar(node, what);
        if (text.isEmpty()) {
            return null;
        }
        Matcher part = DURATION_PART.matcher(text.get());
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "us" -> Duration.ofNanos(n * 1000);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = part.end();
        }
        if (end == 0 || end != text.get().length()) {
            problems.add(node, what + " '" + shorten(text.get()) + "' is not a duration like 10s, 1m30s or 500ms");
            return null;
        }
        if (total.compareTo(Duration.ofDays(1)) > 0) {
            problems.add(node, what + " " + text.get() + " is longer than a day");
            return null;
        }
        return total;
    }

    /** depends_on as a list of services or a mapping service: {condition: ...}. */
    private List<String> dependsOn(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof MappingNode)) {
            return names(node, what, NAME, "service");
        }
        List<String> names = new ArrayList<>();
        nodes.mapping(node, what, null).forEach((name, options) -> {
            Map<String, Node> keys = nodes.mapping(options, what + "." + name, DEPENDENCY_KEYS);
            if (keys.containsKey("condition")) {
                choice(keys.get("condition"), what + "." + name + ".condition", CONDITIONS);
            }
            names.add(name);
        });
        return names;
    }

    /** Every dependency names a defined service, and no service depends on itself through others. */
    private void checkDependencies(List<ServiceDefinition> services) {
        Map<String, ServiceDefinition> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        for (ServiceDefinition service : services) {
            for (String dependency : service.dependsOn()) {
                if (!byName.containsKey(dependency)) {
                    problems.add(service.at("depends_on"), "services." + service.name()
                            + ".depends_on: no service named " + dependency + "; the services are " + byName.keySet());
                }
            }
        }
        Set<String> done = new LinkedHashSet<>();
        for (ServiceDefinition service : services) {
            List<String> cycle = cycle(service.name(), byName, new ArrayList<>(), done);
            if (cycle != null) {
                ServiceDefinition first = byName.get(cycle.get(0));
                problems.add(first.at("depends_on"),
                        "dependency cycle: " + String.join(" -> ", cycle) + "; no order can start these services");
                return;
            }
        }
    }

    private static List<String> cycle(String name, Map<String, ServiceDefinition> byName, List<String> path, Set<String> done) {
        int seen = path.indexOf(name);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(name);
            return cycle;
        }
        if (done.contains(name) || !byName.containsKey(name)) {
            return null;
        }
        path.add(name);
        for (String dependency : byName.get(name).dependsOn()) {
            List<String> cycle = cycle(dependency, byName, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return null;
    }

    private String choice(Node node, String what, Set<String> allowed) {
        String value = nodes.scalar(node, what).orElse("");
        if (!allowed.contains(value)) {
            problems.add(node, what + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + "; not '" + shorten(value) + "'");
        }
        return value;
    }

    private String networkMode(Node node, String what) {
        String value = nodes.scalar(node, what).orElse("");
        if (value.startsWith("service:") || value.startsWith("container:")) {
            problems.add(node, what + " '" + shorten(value) + "': sharing another container's network is not supported; use bridge, host or none");
        } else if (!NETWORK_MODES.contains(value)) {
            problems.add(node, what + " must be bridge, host or none; not '" + shorten(value) + "'");
        }
        return value;
    }

    boolean bool(Node node, String what) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            String value = scalar.getValue().toLowerCase(java.util.Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                return value.equals("true");
            }
        }
        problems.add(node, what + " must be true or false");
        return false;
    }

    /** Hostile values can be long; an error message quotes at most a line's worth. */
    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
