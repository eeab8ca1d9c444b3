package io.mooring.inventory;

import io.mooring.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code ports} and {@code volumes} items in either Compose syntax: the short text, or the long mapping, which is
 * written back as the short text so that one parser checks both once the variables are filled in.
 */
final class LongSyntax {
    private static final Set<String> PORT_KEYS = Set.of("target", "published", "host_ip", "protocol", "mode", "name", "app_protocol");
    private static final Set<String> VOLUME_KEYS = Set.of("type", "source", "target", "read_only", "bind", "volume", "tmpfs",
            "consistency");
    private static final Set<String> BIND_KEYS = Set.of("propagation", "create_host_path", "selinux");
    private static final Set<String> VOLUME_OPTION_KEYS = Set.of("nocopy", "subpath");
    private static final Set<String> TMPFS_KEYS = Set.of("size", "mode");

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;

    LongSyntax(ComponentsReader reader, YamlNodes nodes, Problems problems) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
    }

    List<Template> ports(Node node, String what) {
        List<Template> ports = new ArrayList<>();
        if (node == null) {
            return ports;
        }
        for (Node item : nodes.sequence(node, what)) {
            if (item instanceof MappingNode) {
                port(item, what).ifPresent(ports::add);
            } else {
                nodes.scalar(item, "each item of " + what).ifPresent(text -> ports.add(new Template(text, problems.at(item))));
            }
        }
        return ports;
    }

    private Optional<Template> port(Node item, String what) {
        Map<String, Node> keys = nodes.mapping(item, what, PORT_KEYS);
        if (!keys.containsKey("target")) {
            problems.add(item, what + ": a port written as a mapping needs target, the container's port");
            return Optional.empty();
        }
        if (keys.containsKey("mode") && !text(keys, "mode", what).equals("host") && !text(keys, "mode", what).equals("ingress")) {
            problems.add(keys.get("mode"), what + ".mode must be host or ingress");
        }
        String ip = keys.containsKey("host_ip") ? text(keys, "host_ip", what) : "";
        String published = keys.containsKey("published") ? text(keys, "published", what) : "";
        StringBuilder text = new StringBuilder();
        if (!ip.isEmpty()) {
            text.append(ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip).append(':');
        }
        if (!published.isEmpty() || !ip.isEmpty()) {
            text.append(published).append(':');
        }
        text.append(text(keys, "target", what));
        if (keys.containsKey("protocol")) {
            text.append('/').append(text(keys, "protocol", what));
        }
        return Optional.of(new Template(text.toString(), problems.at(item)));
    }

    /** The volumes; a long-syntax {@code type: tmpfs} goes to {@code tmpfs} instead, as {@code /path[:size=N]}. */
    List<Template> volumes(Node node, String what, List<Template> tmpfs) {
        List<Template> volumes = new ArrayList<>();
        if (node == null) {
            return volumes;
        }
        for (Node item : nodes.sequence(node, what)) {
            if (item instanceof MappingNode) {
                volume(item, what, volumes, tmpfs);
            } else {
                nodes.scalar(item, "each item of " + what).ifPresent(text -> volumes.add(new Template(text, problems.at(item))));
            }
        }
        return volumes;
    }

    private void volume(Node item, String what, List<Template> volumes, List<Template> tmpfs) {
        Map<String, Node> keys = nodes.mapping(item, what, VOLUME_KEYS);
        String type = keys.containsKey("type") ? text(keys, "type", what) : "volume";
        if (!keys.containsKey("target")) {
            problems.add(item, what + ": a volume written as a mapping needs target, the path in the container");
            return;
        }
        String target = text(keys, "target", what);
        boolean readOnly = keys.containsKey("read_only") && reader.bool(keys.get("read_only"), what + ".read_only");
        Map<String, Node> bindOptions = nodes.mapping(keys.get("bind"), what + ".bind", BIND_KEYS);
        if (bindOptions.containsKey("propagation") && !List.of("private", "rprivate").contains(text(bindOptions, "propagation", what + ".bind"))) {
            // Shared propagation would let mounts made in the container reach the host, and the host's reach the container.
            problems.add(bindOptions.get("propagation"), what + ".bind.propagation: only private or rprivate (the engine's default) is"
                    + " supported; mounts are not shared between a tenant's container and the host");
        }
        Map<String, Node> volumeOptions = nodes.mapping(keys.get("volume"), what + ".volume", VOLUME_OPTION_KEYS);
        if (volumeOptions.containsKey("subpath")) {
            problems.add(volumeOptions.get("subpath"), what + ".volume.subpath is not supported; mount the whole volume");
        }
        Map<String, Node> tmpfsOptions = nodes.mapping(keys.get("tmpfs"), what + ".tmpfs", TMPFS_KEYS);
        String source = keys.containsKey("source") ? text(keys, "source", what) : "";
        switch (type) {
            case "tmpfs" -> {
                List<String> options = new java.util.ArrayList<>();
                if (tmpfsOptions.containsKey("size")) {
                    options.add("size=" + text(tmpfsOptions, "size", what + ".tmpfs"));
                }
                if (tmpfsOptions.containsKey("mode")) {
                    // An octal mode as Compose writes it (1777, 01777 or 0o1777); the tmpfs option is octal digits.
                    String mode = text(tmpfsOptions, "mode", what + ".tmpfs").replaceFirst("^0o", "").replaceFirst("^0(?=[0-7]{4}$)", "");
                    if (!mode.matches("[0-7]{3,4}")) {
                        problems.add(tmpfsOptions.get("mode"), what + ".tmpfs.mode '" + ComponentsReader.shorten(mode)
                                + "' is not an octal mode such as 1777");
                    }
                    options.add("mode=" + mode);
                }
                tmpfs.add(new Template(target + (options.isEmpty() ? "" : ":" + String.join(",", options)), problems.at(item)));
            }
            case "volume", "bind" -> {
                if (type.equals("bind") && source.isEmpty()) {
                    problems.add(item, what + ": a bind mount needs source, the host path");
                    return;
                }
                String text = source.isEmpty() ? target : source + ":" + target + (readOnly ? ":ro" : "");
                volumes.add(new Template(text, problems.at(item)));
            }
            default -> problems.add(keys.get("type"), what + ".type '" + ComponentsReader.shorten(type)
                    + "' is not supported; write volume, bind or tmpfs");
        }
    }

    private String text(Map<String, Node> keys, String key, String what) {
        return nodes.scalar(keys.get(key), what + "." + key).orElse("");
    }
}
