package io.mooring.inventory;

import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads components.yml: the supported subset of the Compose specification plus an {@code x-mooring} block. */
public final class ComponentsReader {
    private static final Set<String> TOP_KEYS = Set.of("services");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "command", "environment", "ports", "volumes", "restart", "x-mooring");
    private static final Set<String> MOORING_KEYS = Set.of("roles");
    private static final Set<String> RESTART = Set.of("no", "always", "on-failure", "unless-stopped");
    private static final String DEFAULT_RESTART = "unless-stopped";

    private final Problems problems;
    private final YamlNodes nodes;

    private ComponentsReader(String file) {
        this.problems = new Problems(file);
        this.nodes = new YamlNodes(problems);
    }

    public static List<ServiceDefinition> read(String file, byte[] bytes) {
        Node root = SafeYaml.parse(file, bytes);
        if (root == null) {
            throw new InvalidConfigException(Location.of(file), "components.yml is empty; it needs services:");
        }
        return new ComponentsReader(file).read(root);
    }

    private List<ServiceDefinition> read(Node root) {
        Map<String, Node> top = nodes.mapping(root, "components.yml", TOP_KEYS);
        if (!top.containsKey("services") && problems.isEmpty()) {
            problems.add(root, "components.yml needs a 'services:' mapping");
        }
        List<ServiceDefinition> services = new ArrayList<>();
        nodes.mapping(top.get("services"), "services", null).forEach((name, node) -> {
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
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
        problems.throwIfAny();
        return services;
    }

    private ServiceDefinition service(String name, Node node) {
        String where = "services." + name;
        Map<String, Node> keys = nodes.mapping(node, where, SERVICE_KEYS);
        if (!keys.containsKey("image")) {
            problems.add(node, where + " needs an image");
            return null;
        }
        Template image = template(keys.get("image"), where + ".image");
        List<Template> command = keys.containsKey("command") ? command(keys.get("command"), where + ".command") : List.of();
        Map<String, Template> environment = environment(keys.get("environment"), where + ".environment");
        List<Template> ports = templates(keys.get("ports"), where + ".ports");
        List<Template> volumes = templates(keys.get("volumes"), where + ".volumes");
        String restart = keys.containsKey("restart") ? restart(keys.get("restart"), where + ".restart") : DEFAULT_RESTART;
        Map<String, Node> mooring = nodes.mapping(keys.get("x-mooring"), where + ".x-mooring", MOORING_KEYS);
        Set<String> roles = new LinkedHashSet<>();
        if (mooring.containsKey("roles")) {
            nodes.scalarList(mooring.get("roles"), where + ".x-mooring.roles").forEach(r -> roles.add(r.getValue()));
        }
        return new ServiceDefinition(name, problems.at(node), image, command, environment, ports, volumes, restart, roles);
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

    /** A command is a list, or a string split on white space with quotes kept together, as Compose does. */
    private List<Template> command(Node node, String what) {
        if (node instanceof SequenceNode) {
            return templates(node, what);
        }
        return nodes.scalar(node, what).map(text -> {
            try {
                return CommandLine.split(text).stream().map(word -> new Template(word, problems.at(node))).toList();
            } catch (IllegalArgumentException e) {
                problems.add(node, e.getMessage());
                return List.<Template>of();
            }
        }).orElse(List.of());
    }

    /** The environment as a mapping (NAME: value) or a list of NAME=value. */
    private Map<String, Template> environment(Node node, String what) {
        Map<String, Template> environment = new LinkedHashMap<>();
        if (node instanceof SequenceNode) {
            for (ScalarNode item : nodes.scalarList(node, what)) {
                int eq = item.getValue().indexOf('=');
                if (eq <= 0) {
                    problems.add(item, "each item of " + what + " must be NAME=value");
                } else {
                    putVariable(environment, item, item.getValue().substring(0, eq), item.getValue().substring(eq + 1));
                }
            }
            return environment;
        }
        nodes.mapping(node, what, null).forEach((name, value) -> nodes.scalar(value, what + "." + name)
                .ifPresent(text -> putVariable(environment, value, name, text)));
        return environment;
    }

    private void putVariable(Map<String, Template> environment, Node node, String name, String value) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            problems.add(node, "environment variable name '" + name + "' must be letters, digits, '_' or '.'");
        } else if (environment.put(name, new Template(value, problems.at(node))) != null) {
            problems.add(node, "environment variable " + name + " is set twice");
        }
    }

    private String restart(Node node, String what) {
        String value = nodes.scalar(node, what).orElse(DEFAULT_RESTART);
        if (!RESTART.contains(value)) {
            problems.add(node, what + " must be one of no, always, on-failure, unless-stopped; not '" + value + "'");
        }
        return value;
    }
}
