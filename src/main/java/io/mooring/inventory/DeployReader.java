package io.mooring.inventory;

import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a service's {@code deploy}: {@code resources} into the plain keys one engine reads too ({@code cpus},
 * {@code mem_limit}, ...), and what Docker Swarm reads ({@code replicas}, {@code mode}, {@code placement.constraints},
 * {@code update_config}, {@code rollback_config}, {@code restart_policy}) kept as written with their places, as
 * {@code deploy.<key>} in {@link ServiceOptions#values()} (see {@link ServiceOptions#SWARM_KEYS}). Whether the tenant
 * runs on Swarm is not known yet here: a single-host tenant's render refuses them where they are written. What Mooring
 * does not carry to a Swarm service is refused here, naming it.
 */
final class DeployReader {
    private static final Set<String> DEPLOY_KEYS = Set.of("resources", "replicas", "mode", "placement", "update_config",
            "rollback_config", "restart_policy", "endpoint_mode", "labels");
    private static final Set<String> RESOURCES_KEYS = Set.of("limits", "reservations");
    private static final Set<String> LIMIT_KEYS = Set.of("cpus", "memory", "pids");
    private static final Set<String> RESERVATION_KEYS = Set.of("cpus", "memory");
    private static final Set<String> PLACEMENT_KEYS = Set.of("constraints", "preferences", "max_replicas_per_node");
    static final Set<String> UPDATE_KEYS = Set.of("parallelism", "delay", "order", "failure_action", "monitor", "max_failure_ratio");
    static final Set<String> RESTART_KEYS = Set.of("condition", "delay", "max_attempts", "window");

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;
    private final Map<String, Template> values;
    private final Map<String, List<Template>> lists;

    DeployReader(ComponentsReader reader, YamlNodes nodes, Problems problems, Map<String, Template> values,
                 Map<String, List<Template>> lists) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
        this.values = values;
        this.lists = lists;
    }

    void read(Node node, String what) {
        Map<String, Node> keys = nodes.mapping(node, what, DEPLOY_KEYS);
        keys.forEach((key, value) -> {
            switch (key) {
                case "resources" -> resources(value, what + ".resources");
                case "replicas", "mode" -> scalar(value, what + "." + key, "deploy." + key);
                case "placement" -> placement(value, what + ".placement");
                case "update_config", "rollback_config" -> policy(value, what + "." + key, key, UPDATE_KEYS);
                case "restart_policy" -> policy(value, what + "." + key, key, RESTART_KEYS);
                case "endpoint_mode" -> problems.add(value, what + ".endpoint_mode is not supported: Mooring's Swarm services keep"
                        + " Swarm's virtual IP (vip); remove it");
                default -> problems.add(value, what + ".labels are not supported: a Swarm service's own labels are Mooring's;"
                        + " remove them (labels: on the service are its containers')");
            }
        });
        if (values.containsKey("deploy.mode") && !values.get("deploy.mode").text().equals("replicated")) {
            Template mode = values.remove("deploy.mode");
            problems.add(keys.get("mode"), what + ".mode '" + ComponentsReader.shorten(mode.text()) + "' is not supported yet:"
                    + " Mooring runs replicated services only (deploy.replicas tasks); write mode: replicated, or remove it");
        }
    }

    /** A single value, kept under {@code key} where it is written. */
    private void scalar(Node node, String what, String key) {
        nodes.scalar(node, what).ifPresent(text -> values.put(key, new Template(text, problems.at(node))));
    }

    /** A mapping's presence kept under {@code deploy.<key>} (empty text, where its value is written) and each of its values. */
    private void policy(Node node, String what, String key, Set<String> allowed) {
        values.put("deploy." + key, new Template("", problems.at(node)));
        nodes.mapping(node, what, allowed).forEach((name, value) -> scalar(value, what + "." + name, "deploy." + key + "." + name));
    }

    private void placement(Node node, String what) {
        values.put("deploy.placement", new Template("", problems.at(node)));
        nodes.mapping(node, what, PLACEMENT_KEYS).forEach((name, value) -> {
            if (name.equals("constraints")) {
                lists.put("deploy.placement.constraints", value instanceof ScalarNode && !YamlNodes.isNull(value)
                        ? List.of(new Template(((ScalarNode) value).getValue(), problems.at(value))) : reader.templates(value, what + "." + name));
            } else {
                problems.add(value, what + "." + name + " is not supported yet; remove it (placement.constraints is, with the"
                        + " roles of x-mooring)");
            }
        });
    }

    private void resources(Node node, String what) {
        Map<String, Node> resources = nodes.mapping(node, what, RESOURCES_KEYS);
        Map<String, Node> limits = nodes.mapping(resources.get("limits"), what + ".limits", LIMIT_KEYS);
        Map<String, Node> reservations = nodes.mapping(resources.get("reservations"), what + ".reservations", RESERVATION_KEYS);
        alias(limits.get("cpus"), "cpus", what + ".limits.cpus");
        alias(limits.get("memory"), "mem_limit", what + ".limits.memory");
        alias(limits.get("pids"), "pids_limit", what + ".limits.pids");
        alias(reservations.get("memory"), "mem_reservation", what + ".reservations.memory");
        if (reservations.containsKey("cpus")) {
            nodes.scalar(reservations.get("cpus"), what + ".reservations.cpus")
                    .ifPresent(t -> values.put("cpu_reservation", new Template(t, problems.at(reservations.get("cpus")))));
        }
    }

    private void alias(Node node, String key, String what) {
        if (node == null) {
            return;
        }
        if (values.containsKey(key)) {
            problems.add(node, what + " and " + key + " are both set; keep one");
            return;
        }
        nodes.scalar(node, what).ifPresent(t -> values.put(key, new Template(t, problems.at(node))));
    }
}
