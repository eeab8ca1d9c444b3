package io.mooring.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks a file's node tree against the JSON Schema in schemas/, the one editors use, so that what an
 * editor flags and what Mooring refuses agree. The readers' own checks come first and word things better;
 * a schema problem is added only where they found nothing on that line.
 */
final class SchemaCheck {
    static final SchemaCheck INVENTORY = new SchemaCheck("inventory.schema.json");
    static final SchemaCheck COMPONENTS = new SchemaCheck("components.schema.json");
    private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on", "y");

    private final String name;
    /** The schema's text and its compiled form, read and compiled at their first need. */
    private byte[] text;
    private JsonSchema schema;

    private SchemaCheck(String name) {
        this.name = name;
    }

    /** Both schemas compiled, for a reader to come. */
    static void compileAll() {
        INVENTORY.schema();
        COMPONENTS.schema();
    }

    private synchronized byte[] text() {
        if (text == null) {
            try (InputStream in = SchemaCheck.class.getResourceAsStream("schemas/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks io/mooring/inventory/schemas/" + name);
                }
                text = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text;
    }

    private synchronized JsonSchema schema() {
        if (schema == null) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SchemaTree.read(name, text()), config);
            schema.initializeValidators();
        }
        return schema;
    }

    /** Adds the schema's problems to {@code problems}, except on lines that already have one. */
    void check(Node root, Problems problems) {
        JsonNode json = convert(root);
        Optional<SchemaMemory.Store> memory = SchemaMemory.store();
        String key = memory.isPresent() ? SchemaMemory.key(text(), json) : null;
        if (memory.isPresent() && memory.get().holds(key)) {
            return;
        }
        Set<ValidationMessage> messages = schema().validate(json);
        if (messages.isEmpty()) {
            memory.ifPresent(m -> m.add(key));
            return;
        }
        List<Problem> found = new ArrayList<>();
        for (ValidationMessage message : messages) {
            Mark mark = markOf(root, message.getInstanceLocation(), message.getProperty());
            Location at = mark == null ? Location.of(problems.file())
                    : new Location(problems.file(), mark.getLine() + 1, mark.getColumn() + 1);
            found.add(new Problem(at, describe(message, pointer(message.getInstanceLocation()))));
        }
        Set<Integer> taken = problems.lines();
        found.stream().filter(p -> !taken.contains(p.location().line())).sorted().distinct()
                .forEach(p -> problems.add(p.location(), p.message()));
    }

    /**
     * Where a message's value is written (or its key, when the message names a property), found by following
     * its path through the nodes. Looked up per message rather than kept for every node, whose paths together
     * could be as long as the file times its values.
     */
    private static Mark markOf(Node root, JsonNodePath path, String property) {
        Node node = root;
        for (int i = 0; i < path.getNameCount() && node != null; i++) {
            node = child(node, String.valueOf(path.getElement(i)));
        }
        if (node == null) {
            return null;
        }
        Node key = property == null ? null : key(node, property);
        return key != null ? key.getStartMark() : node.getStartMark();
    }

    private static Node child(Node node, String name) {
        if (node instanceof SequenceNode seq) {
            int index = name.chars().allMatch(Character::isDigit) && name.length() < 10 ? Integer.parseInt(name) : -1;
            return index >= 0 && index < seq.getValue().size() ? seq.getValue().get(index) : null;
        }
        NodeTuple tuple = tuple(node, name);
        return tuple == null ? null : tuple.getValueNode();
    }

    private static Node key(Node node, String name) {
        NodeTuple tuple = tuple(node, name);
        return tuple == null ? null : tuple.getKeyNode();
    }

    private static NodeTuple tuple(Node node, String name) {
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                    return tuple;
                }
            }
        }
        return null;
    }

    private static String describe(ValidationMessage message, String pointer) {
        String where = pointer.isEmpty() ? "the file" : pointer.substring(1).replace('/', '.');
        Object[] args = message.getArguments();
        return switch (message.getType()) {
            case "additionalProperties" -> "unknown key '" + message.getProperty() + "' in " + where + " (schema)";
            case "required" -> where + " needs '" + message.getProperty() + "' (schema)";
            case "type" -> where + " must be " + (args.length > 1 ? args[1] : "another type") + ", not " + (args.length > 0 ? args[0] : "this") + " (schema)";
            case "enum" -> where + " must be one of " + message.getSchemaNode() + " (schema)";
            case "pattern" -> where + " '" + ComponentsReader.shorten(String.valueOf(message.getInstanceNode().asText()))
                    + "' does not match " + (args.length > 0 ? args[0] : "the schema's pattern") + " (schema)";
            default -> where + ": " + stripPointer(message.getMessage()) + " (schema)";
        };
    }

    private static String stripPointer(String text) {
        int colon = text.indexOf(": ");
        return colon >= 0 && text.startsWith("/") ? text.substring(colon + 2) : text.startsWith(": ") ? text.substring(2) : text;
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            out.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return out.toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The YAML tree as JSON, typed as YAML resolved it. Recursive, but bounded: NodeComposer refuses files
     * nested deeper than AliasBudget.MAX_DEPTH or holding more than its values once aliases are filled in,
     * and has refused any alias that would make the tree endless.
     */
    private static JsonNode convert(Node node) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (node instanceof MappingNode map) {
            ObjectNode object = json.objectNode();
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    object.set(key.getValue(), convert(tuple.getValueNode()));
                }
            }
            return object;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode array = json.arrayNode();
            seq.getValue().forEach(item -> array.add(convert(item)));
            return array;
        }
        return scalar((ScalarNode) node, json);
    }

    private static JsonNode scalar(ScalarNode node, JsonNodeFactory json) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return json.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return json.booleanNode(YAML_TRUE.contains(text.toLowerCase(Locale.ROOT)));
        }
        if (tag.equals(Tag.INT)) {
            try {
                return json.numberNode(new BigInteger(text.replace("_", "")));
            } catch (NumberFormatException e) {
                return json.textNode(text);
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return json.numberNode(Double.parseDouble(text.replace("_", "")));
            } catch (NumberFormatException e) {
                return json.textNode(text);
            }
        }
        return json.textNode(text);
    }
}
