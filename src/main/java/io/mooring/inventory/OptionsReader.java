package io.mooring.inventory;

import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the Compose keys of a service that {@link ServiceOptions} holds. Values are kept as written, with their
 * place in the file; their syntax is checked once the inventory's variables are filled in, as Compose does.
 */
final class OptionsReader {
    /** Single values, read as written. */
    static final Set<String> VALUES = Set.of("container_name", "hostname", "domainname", "user", "working_dir", "stop_signal",
            "stop_grace_period", "shm_size", "mem_limit", "mem_reservation", "memswap_limit", "cpus", "pids_limit", "init",
            "read_only", "platform", "pull_policy", "tty", "stdin_open");
    /** A list, or one value that Compose reads as a list of one. */
    static final Set<String> LISTS = Set.of("dns", "dns_search", "dns_opt", "expose", "cap_drop", "security_opt", "tmpfs");
    static final Set<String> KEYS = union(VALUES, LISTS, Set.of("entrypoint", "sysctls", "ulimits", "logging", "networks",
            "secrets", "configs", "profiles", "deploy", "scale", "links"));
    private static final Set<String> LOGGING_KEYS = Set.of("driver", "options");
    private static final Set<String> ULIMIT_KEYS = Set.of("soft", "hard");
    /** The ulimits a container may set; the last four only with a grant (Guardrails). */
    private static final Set<String> ULIMITS = Set.of("nofile", "nproc", "core", "stack", "fsize", "cpu", "data", "as", "locks",
            "msgqueue", "sigpending", "rtprio", "rttime", "nice", "memlock");
    private static final String SWARM = " on one host; for more, deploy.replicas runs a Swarm service of as many tasks (set"
            + " mooring_engine: swarm in the tenant's inventory)";

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;
    private final Map<String, Template> values = new LinkedHashMap<>();
    private final Map<String, List<Template>> lists = new LinkedHashMap<>();
    private final Map<String, Map<String, Template>> maps = new LinkedHashMap<>();

    OptionsReader(ComponentsReader reader, YamlNodes nodes, Problems problems) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
    }

    /** The options of the service whose keys are {@code keys}; {@code tmpfs} holds what long-syntax volumes mount as tmpfs. */
    ServiceOptions read(Map<String, Node> keys, String where, List<Template> tmpfs) {
        for (String key : VALUES) {
            if (keys.containsKey(key)) {
                value(keys.get(key), where + "." + key).ifPresent(t -> values.put(key, t));
            }
        }
        for (String key : LISTS) {
            if (keys.containsKey(key)) {
                lists.put(key, oneOrList(keys.get(key), where + "." + key));
            }
        }
        if (!tmpfs.isEmpty()) {
            List<Template> all = new ArrayList<>(lists.getOrDefault("tmpfs", List.of()));
            all.addAll(tmpfs);
            lists.put("tmpfs", all);
        }
        if (keys.containsKey("links")) {
            lists.put("links", new AttachmentsReader(reader, nodes, problems).links(keys.get("links"), where + ".links"));
        }
        if (keys.containsKey("entrypoint")) {
            lists.put("entrypoint", reader.command(keys.get("entrypoint"), where + ".entrypoint"));
        }
        putMap("sysctls", pairs(keys.get("sysctls"), where + ".sysctls"));
        putMap("ulimits", ulimits(keys.get("ulimits"), where + ".ulimits"));
        logging(keys.get("logging"), where + ".logging");
        new DeployReader(reader, nodes, problems, values, lists).read(keys.get("deploy"), where + ".deploy");
        if (keys.containsKey("scale")) {
            one(keys.get("scale"), where + ".scale");
        }
        AttachmentsReader attachments = new AttachmentsReader(reader, nodes, problems);
        List<ServiceOptions.NetworkRef> networks = attachments.networks(keys.get("networks"), where + ".networks");
        List<ServiceOptions.FileRef> files = new ArrayList<>(attachments.files(keys.get("secrets"), where + ".secrets", true));
        files.addAll(attachments.files(keys.get("configs"), where + ".configs", false));
        Set<String> profiles = new LinkedHashSet<>();
        if (keys.containsKey("profiles")) {
            nodes.scalarList(keys.get("profiles"), where + ".profiles").forEach(p -> {
                if (!p.getValue().matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
                    problems.add(p, where + ".profiles: '" + ComponentsReader.shorten(p.getValue())
                            + "' is not a profile name (letters, digits, '_', '.', '-')");
                }
                profiles.add(p.getValue());
            });
        }
        return new ServiceOptions(values, lists, maps, networks, files, profiles, Map.of(), Set.of());
    }

    java.util.Optional<Template> value(Node node, String what) {
        return nodes.scalar(node, what).map(text -> new Template(text, problems.at(node)));
    }

    private List<Template> oneOrList(Node node, String what) {
        if (node instanceof ScalarNode && !YamlNodes.isNull(node)) {
            return value(node, what).map(List::of).orElse(List.of());
        }
        return reader.templates(node, what);
    }

    private void putMap(String key, Map<String, Template> map) {
        if (!map.isEmpty()) {
            maps.put(key, map);
        }
    }

    /** A mapping of name: value, or a list of name=value (sysctls). */
    private Map<String, Template> pairs(Node node, String what) {
        Map<String, Template> pairs = new LinkedHashMap<>();
        if (node == null) {
            return pairs;
        }
        if (node instanceof SequenceNode) {
            for (ScalarNode item : nodes.scalarList(node, what)) {
                int eq = item.getValue().indexOf('=');
                if (eq <= 0) {
                    problems.add(item, "each item of " + what + " must be name=value");
                } else {
                    put(pairs, item, what, item.getValue().substring(0, eq), item.getValue().substring(eq + 1));
                }
            }
            return pairs;
        }
        nodes.mapping(node, what, null).forEach((name, value) ->
                nodes.scalar(value, what + "." + name).ifPresent(text -> put(pairs, value, what, name, text)));
        return pairs;
    }

    private void put(Map<String, Template> pairs, Node node, String what, String name, String value) {
        if (!name.matches("[a-zA-Z0-9_./-]{1,128}")) {
            problems.add(node, what + ": '" + ComponentsReader.shorten(name) + "' is not a valid name");
        } else if (pairs.put(name, new Template(value, problems.at(node))) != null) {
            problems.add(node, what + ": " + name + " is set twice");
        }
    }

    /** ulimits as {@code nofile: 65535} or {@code nofile: {soft: 20000, hard: 40000}}; both kept as soft:hard. */
    private Map<String, Template> ulimits(Node node, String what) {
        Map<String, Template> limits = new LinkedHashMap<>();
        nodes.mapping(node, what, null).forEach((name, value) -> {
            if (!ULIMITS.contains(name)) {
                problems.add(value, what + ": '" + ComponentsReader.shorten(name) + "' is not a ulimit Mooring supports; they are "
                        + new java.util.TreeSet<>(ULIMITS) + " (rtprio, rttime, nice and memlock under the agent's guardrails)");
            } else if (value instanceof MappingNode) {
                Map<String, Node> both = nodes.mapping(value, what + "." + name, ULIMIT_KEYS);
                if (!both.containsKey("soft") || !both.containsKey("hard")) {
                    problems.add(value, what + "." + name + " needs both soft and hard");
                } else {
                    String soft = nodes.scalar(both.get("soft"), what + "." + name + ".soft").orElse("");
                    String hard = nodes.scalar(both.get("hard"), what + "." + name + ".hard").orElse("");
                    limits.put(name, new Template(soft + ":" + hard, problems.at(value)));
                }
            } else {
                nodes.scalar(value, what + "." + name).ifPresent(n -> limits.put(name, new Template(n + ":" + n, problems.at(value))));
            }
        });
        return limits;
    }

    private void logging(Node node, String what) {
        Map<String, Node> keys = nodes.mapping(node, what, LOGGING_KEYS);
        if (keys.containsKey("driver")) {
            value(keys.get("driver"), what + ".driver").ifPresent(t -> values.put("logging.driver", t));
        }
        putMap("logging.options", pairs(keys.get("options"), what + ".options"));
    }

    private void one(Node node, String what) {
        String count = nodes.scalar(node, what).orElse("1");
        if (!count.equals("1")) {
            problems.add(node, what + ": " + ComponentsReader.shorten(count) + " containers of one service are refused" + SWARM);
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
