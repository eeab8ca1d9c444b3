package io.mooring.inventory;

import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads what a service is attached to: its {@code networks}, and the {@code secrets} and {@code configs} it is given. */
final class AttachmentsReader {
    private static final Set<String> NETWORK_KEYS = Set.of("aliases", "ipv4_address", "ipv6_address", "priority", "link_local_ips",
            "mac_address", "driver_opts", "gw_priority", "interface_name");
    private static final Set<String> FILE_KEYS = Set.of("source", "target", "uid", "gid", "mode");
    private static final String NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}";

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;

    AttachmentsReader(ComponentsReader reader, YamlNodes nodes, Problems problems) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
    }

    /** networks as a list of names, or a mapping name: {aliases, ipv4_address}; the names are checked against the top level. */
    List<ServiceOptions.NetworkRef> networks(Node node, String what) {
        List<ServiceOptions.NetworkRef> refs = new ArrayList<>();
        if (node == null) {
            return refs;
        }
        if (!(node instanceof MappingNode)) {
            nodes.scalarList(node, what).forEach(item -> refs.add(new ServiceOptions.NetworkRef(item.getValue(), List.of(), null,
                    problems.at(item))));
        } else {
            nodes.mapping(node, what, null).forEach((name, value) -> {
                Map<String, Node> keys = nodes.mapping(value, what + "." + name, NETWORK_KEYS);
                for (String unsupported : List.of("ipv6_address", "link_local_ips", "mac_address", "driver_opts", "interface_name")) {
                    if (keys.containsKey(unsupported)) {
                        problems.add(keys.get(unsupported), what + "." + name + "." + unsupported + " is not supported; Mooring's"
                                + " networks are IPv4 bridges inside the tenant");
                    }
                }
                List<Template> aliases = keys.containsKey("aliases") ? reader.templates(keys.get("aliases"), what + "." + name + ".aliases")
                        : List.of();
                Template address = keys.containsKey("ipv4_address") ? nodes.scalar(keys.get("ipv4_address"), what + "." + name + ".ipv4_address")
                        .map(text -> new Template(text, problems.at(keys.get("ipv4_address")))).orElse(null) : null;
                refs.add(new ServiceOptions.NetworkRef(name, aliases, address, problems.at(value)));
            });
        }
        for (ServiceOptions.NetworkRef ref : refs) {
            if (!ref.name().matches(NAME)) {
                problems.add(ref.location(), what + ": '" + ComponentsReader.shorten(ref.name()) + "' is not a network name");
            }
        }
        return refs;
    }

    /**
     * links as Compose writes them, {@code service} or {@code service:alias}: the alias is another name of the service on
     * the tenant's networks ({@link Links}), and the service is a dependency.
     */
    List<Template> links(Node node, String what) {
        List<Template> links = new ArrayList<>();
        if (node == null) {
            return links;
        }
        for (org.yaml.snakeyaml.nodes.ScalarNode item : nodes.scalarList(node, what)) {
            if (!item.getValue().matches("[a-z0-9][a-z0-9_-]{0,62}(:[A-Za-z0-9][A-Za-z0-9_.-]{0,62})?")) {
                problems.add(item, what + ": '" + ComponentsReader.shorten(item.getValue()) + "' is not service or service:alias");
            } else {
                links.add(Template.verbatim(item.getValue(), problems.at(item)));
            }
        }
        return links;
    }

    /** secrets and configs as a list of names, or of {source, target, uid, gid, mode}. */
    List<ServiceOptions.FileRef> files(Node node, String what, boolean secret) {
        List<ServiceOptions.FileRef> refs = new ArrayList<>();
        if (node == null) {
            return refs;
        }
        for (Node item : nodes.sequence(node, what)) {
            if (item instanceof MappingNode) {
                Map<String, Node> keys = nodes.mapping(item, what, FILE_KEYS);
                String source = keys.containsKey("source") ? nodes.scalar(keys.get("source"), what + ".source").orElse("") : "";
                if (source.isEmpty()) {
                    problems.add(item, what + ": each entry written as a mapping needs source, the name of a top-level "
                            + (secret ? "secret" : "config"));
                    continue;
                }
                String target = keys.containsKey("target") ? nodes.scalar(keys.get("target"), what + ".target").orElse("") : "";
                int mode = keys.containsKey("mode") ? mode(keys.get("mode"), what + ".mode") : 0444;
                refs.add(file(secret, source, target, mode, item, what).withOwner(id(keys.get("uid"), what + ".uid"),
                        id(keys.get("gid"), what + ".gid")));
            } else {
                nodes.scalar(item, "each item of " + what).ifPresent(name -> refs.add(file(secret, name, "", 0444, item, what)));
            }
        }
        java.util.Set<String> targets = new java.util.HashSet<>();
        refs.stream().filter(r -> !targets.add(r.target())).forEach(r -> problems.add(r.location(), what + ": " + r.target()
                + " is given twice"));
        return refs;
    }

    private ServiceOptions.FileRef file(boolean secret, String source, String target, int mode, Node at, String what) {
        String path = target.isEmpty() ? (secret ? "/run/secrets/" : "/") + source
                : target.startsWith("/") ? target : (secret ? "/run/secrets/" : "/") + target;
        if (!path.matches("(/[A-Za-z0-9_.@+-]+)+") || path.contains("/../") || path.endsWith("/..") || path.contains("/./")
                || path.length() > 99) {
            problems.add(at, what + ": '" + ComponentsReader.shorten(path) + "' is not a path a file can be mounted at");
        }
        return new ServiceOptions.FileRef(secret, source, path, mode, 0, 0, problems.at(at));
    }

    /** A user or group id, written as a number (Compose writes them as strings); absent is root. */
    private int id(Node node, String what) {
        if (node == null) {
            return 0;
        }
        String text = nodes.scalar(node, what).orElse("0");
        if (!text.matches("[0-9]{1,9}")) {
            problems.add(node, what + " '" + ComponentsReader.shorten(text) + "' must be a numeric id, such as \"1000\"");
            return 0;
        }
        return Integer.parseInt(text);
    }

    private int mode(Node node, String what) {
        String text = nodes.scalar(node, what).orElse("0444");
        try {
            int mode = text.startsWith("0o") ? Integer.parseInt(text.substring(2), 8)
                    : text.startsWith("0") ? Integer.parseInt(text, 8) : Integer.parseInt(text);
            if (mode >= 0 && mode <= 0777) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(node, what + " '" + ComponentsReader.shorten(text) + "' is not a file mode such as 0440");
        return 0444;
    }

}
