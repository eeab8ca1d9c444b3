package io.mooring.inventory;

import io.mooring.model.Hook;
import io.mooring.model.Probe;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the rollout part of a service's {@code x-mooring} block: probe, hooks and prune_volumes. */
final class RolloutReader {
    private static final Set<String> PROBE_KEYS = Set.of("http", "tcp", "exec", "timeout", "interval");
    private static final Set<String> PORT_KEYS = Set.of("port", "path");
    private static final Set<String> HOOK_STAGES = Set.of("before", "after");
    private static final Set<String> HOOK_KEYS = Set.of("name", "command", "timeout");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration HOOK_TIMEOUT = Duration.ofMinutes(10);

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;

    RolloutReader(ComponentsReader reader, YamlNodes nodes, Problems problems) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
    }

    ServiceDefinition.RolloutSettings read(Map<String, Node> mooring, String where) {
        List<Template> probeCommand = new ArrayList<>();
        Probe probe = mooring.containsKey("probe") ? probe(mooring.get("probe"), where + ".probe", probeCommand) : null;
        List<ServiceDefinition.HookTemplate> hooks = mooring.containsKey("hooks") ? hooks(mooring.get("hooks"), where + ".hooks") : List.of();
        boolean prune = mooring.containsKey("prune_volumes") && reader.bool(mooring.get("prune_volumes"), where + ".prune_volumes");
        return new ServiceDefinition.RolloutSettings(probe, probeCommand, hooks, prune);
    }

    /** The probe; an exec probe's command, whose variables are filled in per host, goes to {@code command}. */
    private Probe probe(Node node, String what, List<Template> command) {
        Map<String, Node> keys = nodes.mapping(node, what, PROBE_KEYS);
        List<String> kinds = keys.keySet().stream().filter(k -> Set.of("http", "tcp", "exec").contains(k)).sorted().toList();
        if (kinds.size() != 1) {
            problems.add(node, what + " needs exactly one of http, tcp or exec" + (kinds.isEmpty() ? "" : "; found " + kinds));
            return null;
        }
        Duration timeout = Optional.ofNullable(reader.duration(keys.get("timeout"), what + ".timeout")).orElse(PROBE_TIMEOUT);
        Duration interval = Optional.ofNullable(reader.duration(keys.get("interval"), what + ".interval")).orElse(PROBE_INTERVAL);
        String kind = kinds.get(0);
        if (kind.equals("exec")) {
            command.addAll(reader.command(keys.get("exec"), what + ".exec"));
            if (command.isEmpty()) {
                problems.add(keys.get("exec"), what + ".exec needs a command");
            }
            return new Probe(Probe.Kind.EXEC, 0, "", command.stream().map(Template::text).toList(), timeout, interval);
        }
        Map<String, Node> target = nodes.mapping(keys.get(kind), what + "." + kind, PORT_KEYS);
        int port = port(keys.get(kind), target.get("port"), what + "." + kind + ".port");
        String path = "";
        if (target.containsKey("path")) {
            if (kind.equals("tcp")) {
                problems.add(target.get("path"), what + ".tcp takes no path");
            }
            path = nodes.scalar(target.get("path"), what + "." + kind + ".path").orElse("/");
            if (!path.matches("/[\\x21-\\x7e]{0,1023}")) {
                problems.add(target.get("path"), what + "." + kind + ".path must start with / and hold no spaces");
            }
        }
        return new Probe(kind.equals("http") ? Probe.Kind.HTTP : Probe.Kind.TCP, port, path, List.of(), timeout, interval);
    }

    private int port(Node parent, Node node, String what) {
        if (node == null) {
            problems.add(parent, what + " is required");
            return 0;
        }
        String text = nodes.scalar(node, what).orElse("");
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            problems.add(node, what + " must be a port number from 1 to 65535; not '" + ComponentsReader.shorten(text) + "'");
            return 0;
        }
        return Integer.parseInt(text);
    }

    private List<ServiceDefinition.HookTemplate> hooks(Node node, String what) {
        List<ServiceDefinition.HookTemplate> hooks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        nodes.mapping(node, what, HOOK_STAGES).forEach((stage, list) -> {
            for (Node item : nodes.sequence(list, what + "." + stage)) {
                hook(item, what + "." + stage, Hook.Stage.valueOf(stage.toUpperCase(java.util.Locale.ROOT))).ifPresent(hook -> {
                    if (!names.add(hook.name())) {
                        problems.add(item, what + "." + stage + ": a hook named " + hook.name() + " is defined twice");
                    } else {
                        hooks.add(hook);
                    }
                });
            }
        });
        return hooks;
    }

    private Optional<ServiceDefinition.HookTemplate> hook(Node node, String what, Hook.Stage stage) {
        Map<String, Node> keys = nodes.mapping(node, what + "[]", HOOK_KEYS);
        if (!keys.containsKey("name") || !keys.containsKey("command")) {
            problems.add(node, what + ": a hook needs a name and a command");
            return Optional.empty();
        }
        String name = nodes.scalar(keys.get("name"), what + ".name").orElse("");
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,30}")) {
            problems.add(keys.get("name"), what + ": hook name '" + ComponentsReader.shorten(name)
                    + "' must be lower-case letters, digits, '_' or '-' (at most 31)");
            return Optional.empty();
        }
        List<Template> command = reader.command(keys.get("command"), what + "." + name + ".command");
        Duration timeout = Optional.ofNullable(reader.duration(keys.get("timeout"), what + "." + name + ".timeout")).orElse(HOOK_TIMEOUT);
        return Optional.of(new ServiceDefinition.HookTemplate(name, stage, command, timeout));
    }
}
