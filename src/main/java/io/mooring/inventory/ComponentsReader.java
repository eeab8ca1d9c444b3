package io.mooring.inventory;

import io.mooring.model.BackupSettings;
import io.mooring.model.ComposeResources;
import io.mooring.model.ComposeUnits;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads components.yml: the supported subset of the Compose specification plus an {@code x-mooring} block. Each
 * service is read by {@link ServiceReader}, the top-level {@code x-mooring.backup} by {@link BackupReader}; the
 * Compose value syntaxes they share (commands, durations, booleans) are read here.
 */
public final class ComponentsReader {
    private static final Set<String> TOP_KEYS = Set.of("services", "volumes", "networks", "secrets", "configs", "name", "version",
            "include", "x-mooring");
    private static final Set<String> TOP_MOORING_KEYS = Set.of("backup");

    private final Problems problems;
    private final YamlNodes nodes;
    private final TenantFiles files;
    private final Includes.Chain chain;

    private ComponentsReader(String file, TenantFiles files, Includes.Chain chain) {
        this.problems = new Problems(file);
        this.nodes = new YamlNodes(problems);
        this.files = files;
        this.chain = chain;
    }

    /**
     * What a components.yml defines: its services, the tenant's backups (top-level x-mooring.backup), and its volumes,
     * networks, secrets and configs.
     */
    public record Definitions(List<ServiceDefinition> services, BackupSettings backup, ComposeResources resources) {
        public Definitions {
            services = List.copyOf(services);
        }

        public Definitions(List<ServiceDefinition> services, BackupSettings backup) {
            this(services, backup, ComposeResources.NONE);
        }
    }

    public static List<ServiceDefinition> read(String file, byte[] bytes) {
        return readAll(file, bytes).services();
    }

    public static Definitions readAll(String file, byte[] bytes) {
        return readAll(file, bytes, TenantFiles.none());
    }

    /** A components.yml whose env_file, secrets, configs, include and extends name files through {@code files}. */
    static Definitions readAll(String file, byte[] bytes, TenantFiles files) {
        return read(file, bytes, files, Includes.Chain.start(file));
    }

    static Definitions read(String file, byte[] bytes, TenantFiles files, Includes.Chain chain) {
        Node root = SafeYaml.parse(file, bytes);
        if (root == null) {
            throw new InvalidConfigException(Location.of(file), "components.yml is empty; it needs services:");
        }
        return new ComponentsReader(file, files, chain).read(root);
    }

    private Definitions read(Node root) {
        Map<String, Node> top = nodes.mapping(root, "components.yml", TOP_KEYS);
        Map<String, Node> mooring = nodes.mapping(top.get("x-mooring"), "x-mooring", TOP_MOORING_KEYS);
        BackupSettings backup = new BackupReader(this, nodes, problems).read(mooring.get("backup"));
        for (String ignored : List.of("name", "version")) {
            if (top.containsKey(ignored)) {
                nodes.scalar(top.get(ignored), ignored);
            }
        }
        List<Definitions> included = new Includes(nodes, problems, files, chain).read(top.get("include"));
        if (!top.containsKey("services") && included.isEmpty() && problems.isEmpty()) {
            problems.add(root, "components.yml needs a 'services:' mapping");
        }
        List<ServiceDefinition> services = new ArrayList<>();
        ServiceReader serviceReader = new ServiceReader(this, nodes, problems, files);
        Map<String, Node> serviceNodes = nodes.mapping(top.get("services"), "services", null);
        Extends extending = new Extends(problems, nodes, files, serviceNodes);
        serviceNodes.forEach((name, node) -> {
            Node resolved = extending.resolve(name, node);
            ServiceDefinition service = resolved == null ? null : serviceReader.read(name, resolved);
            if (service != null) {
                services.add(service);
            }
        });
        ResourcesReader resourcesReader = new ResourcesReader(this, nodes, problems, files);
        ComposeResources resources = resourcesReader.read(top);
        Includes.Merged merged = Includes.merge(services, resources, included, problems, root);
        if (merged.services().isEmpty() && problems.isEmpty()) {
            problems.add(root, "components.yml defines no services; a tenant needs at least one");
        }
        List<ServiceDefinition> linked = Links.aliases(merged.services());
        DependencyCheck.check(linked, problems);
        ReferenceCheck.check(services, merged.resources(), resourcesReader.refused(), top.containsKey("volumes"), problems);
        SchemaCheck.COMPONENTS.check(root, problems);
        problems.throwIfAny();
        return new Definitions(linked, backup, merged.resources());
    }

    /** A list of strings, each keeping its place in the file for the errors of filling it in; absent is empty. */
    List<Template> templates(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        return nodes.scalarList(node, what).stream().map(s -> new Template(s.getValue(), problems.at(s))).toList();
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

    /** A Compose duration such as 10s, 1m30s or 500ms; at most a day. */
    Duration duration(Node node, String what) {
        if (node == null) {
            return null;
        }
        Optional<String> text = nodes.scalar(node, what);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return ComposeUnits.duration(text.get());
        } catch (IllegalArgumentException e) {
            problems.add(node, what + " " + e.getMessage());
            return null;
        }
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
