package io.mooring.inventory;

import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a service's {@code healthcheck} block, as Compose writes it. */
final class HealthcheckReader {
    private static final Set<String> KEYS = Set.of("test", "interval", "timeout", "retries", "start_period", "start_interval", "disable");

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;

    HealthcheckReader(ComponentsReader reader, YamlNodes nodes, Problems problems) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
    }

    ServiceDefinition.Health read(Node node, String what) {
        Map<String, Node> keys = nodes.mapping(node, what, KEYS);
        if (keys.containsKey("disable") && reader.bool(keys.get("disable"), what + ".disable")) {
            return new ServiceDefinition.Health(List.of(Template.literal("NONE")), null, null, null, null);
        }
        List<Template> test = List.of();
        Node testNode = keys.get("test");
        if (testNode == null) {
            problems.add(node, what + " needs a test, such as [CMD, pg_isready] or \"curl -f http://localhost/\"");
        } else if (testNode instanceof SequenceNode) {
            test = reader.templates(testNode, what + ".test");
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
        return new ServiceDefinition.Health(test, reader.duration(keys.get("interval"), what + ".interval"),
                reader.duration(keys.get("timeout"), what + ".timeout"), retries,
                reader.duration(keys.get("start_period"), what + ".start_period"),
                reader.duration(keys.get("start_interval"), what + ".start_interval"));
    }
}
