package io.mooring.inventory;

import io.mooring.model.ComposeResources;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.ServiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The top-level {@code include}: other Compose files of the tenant's folder, each read whole like components.yml (its
 * own limits, its problems at its own lines), whose services, volumes, networks, secrets and configs join this
 * file's. A name defined twice is refused, as Compose does. At most {@link #MAX_DEPTH} levels and {@link #MAX_FILES}
 * files, and no file includes itself.
 */
final class Includes {
    static final int MAX_DEPTH = 4;
    static final int MAX_FILES = 16;
    private static final Set<String> KEYS = Set.of("path", "project_directory", "env_file");

    /** The files being read, outermost first, and how many were read in all. */
    record Chain(List<String> files, int[] count) {
        static Chain start(String file) {
            return new Chain(List.of(file), new int[1]);
        }

        Chain with(String file) {
            List<String> longer = new ArrayList<>(files);
            longer.add(file);
            return new Chain(List.copyOf(longer), count);
        }
    }

    /** Services and resources of a file and what it includes. */
    record Merged(List<ServiceDefinition> services, ComposeResources resources) {
    }

    private final YamlNodes nodes;
    private final Problems problems;
    private final TenantFiles files;
    private final Chain chain;

    Includes(YamlNodes nodes, Problems problems, TenantFiles files, Chain chain) {
        this.nodes = nodes;
        this.problems = problems;
        this.files = files;
        this.chain = chain;
    }

    List<ComponentsReader.Definitions> read(Node node) {
        List<ComponentsReader.Definitions> read = new ArrayList<>();
        if (node == null) {
            return read;
        }
        for (Node item : nodes.sequence(node, "include")) {
            List<ScalarNode> paths = new ArrayList<>();
            if (item instanceof MappingNode) {
                Map<String, Node> keys = nodes.mapping(item, "include", KEYS);
                for (String refused : List.of("project_directory", "env_file")) {
                    if (keys.containsKey(refused)) {
                        problems.add(keys.get(refused), "include." + refused + " is not supported; variables come from the inventory");
                    }
                }
                Node path = keys.get("path");
                if (path instanceof ScalarNode scalar) {
                    paths.add(scalar);
                } else if (path != null) {
                    paths.addAll(nodes.scalarList(path, "include.path"));
                } else {
                    problems.add(item, "include: an entry written as a mapping needs path");
                }
            } else if (item instanceof ScalarNode scalar) {
                paths.add(scalar);
            } else {
                problems.add(item, "each item of include must be a path or {path: ...}");
            }
            paths.forEach(path -> include(path).ifPresent(read::add));
        }
        return read;
    }

    private Optional<ComponentsReader.Definitions> include(ScalarNode at) {
        String path;
        try {
            path = files.resolve(problems.file(), at.getValue());
        } catch (TenantFiles.Refused e) {
            problems.add(at, "include: " + e.getMessage());
            return Optional.empty();
        }
        if (chain.files().contains(path)) {
            problems.add(at, "include: " + path + " includes itself (through " + String.join(" -> ", chain.files()) + ")");
            return Optional.empty();
        }
        if (chain.files().size() > MAX_DEPTH || ++chain.count()[0] > MAX_FILES) {
            problems.add(at, "include: more than " + MAX_DEPTH + " levels or " + MAX_FILES + " files of includes");
            return Optional.empty();
        }
        try {
            Optional<byte[]> bytes = files.read(path);
            if (bytes.isEmpty()) {
                problems.add(at, "include: no file " + path + " in the repository");
                return Optional.empty();
            }
            return Optional.of(ComponentsReader.read(path, bytes.get(), files, chain.with(path)));
        } catch (TenantFiles.Refused e) {
            problems.add(at, "include: " + e.getMessage());
            return Optional.empty();
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    static Merged merge(List<ServiceDefinition> own, ComposeResources resources, List<ComponentsReader.Definitions> included,
                        Problems problems, Node root) {
        Map<String, ServiceDefinition> services = new LinkedHashMap<>();
        Map<String, ComposeResources.VolumeSpec> volumes = new LinkedHashMap<>(resources.volumes());
        Map<String, ComposeResources.NetworkSpec> networks = new LinkedHashMap<>(resources.networks());
        Map<String, ComposeResources.FileSource> secrets = new LinkedHashMap<>(resources.secrets());
        Map<String, ComposeResources.FileSource> configs = new LinkedHashMap<>(resources.configs());
        for (ComponentsReader.Definitions definitions : included) {
            definitions.services().forEach(s -> services.put(s.name(), s));
            join(volumes, definitions.resources().volumes(), "volume", problems, root);
            join(networks, definitions.resources().networks(), "network", problems, root);
            join(secrets, definitions.resources().secrets(), "secret", problems, root);
            join(configs, definitions.resources().configs(), "config", problems, root);
        }
        // Two files naming a volume alike make one volume of two declarations (each file checks its own).
        Map<String, String> volumeNames = new java.util.HashMap<>();
        volumes.forEach((key, spec) -> {
            String other = volumeNames.putIfAbsent(spec.name(), key);
            if (other != null && !volumes.get(other).location().file().equals(spec.location().file())) {
                problems.add(spec.location(), "volumes." + key + ": its name " + ComponentsReader.shorten(spec.name()) + " is already"
                        + " volumes." + other + "'s, in " + volumes.get(other).location().file() + "; each declared volume needs a name"
                        + " of its own");
            }
        });
        for (ServiceDefinition service : own) {
            if (services.containsKey(service.name())) {
                problems.add(service.location(), "services." + service.name() + " is defined here and in "
                        + services.get(service.name()).location().file() + ", which is included; keep one");
            }
            services.put(service.name(), service);
        }
        return new Merged(new ArrayList<>(services.values()), new ComposeResources(volumes, networks, secrets, configs));
    }

    private static <T> void join(Map<String, T> into, Map<String, T> more, String kind, Problems problems, Node root) {
        more.forEach((name, value) -> {
            T before = into.putIfAbsent(name, value);
            if (before != null && !before.equals(value)) {
                problems.add(root, "the " + kind + " " + name + " is declared differently in an included file; declare it once");
            }
        });
    }
}
