package io.mooring.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;

/**
 * A JSON Schema's text as the tree the schema library compiles, read with Jackson's parser alone. Its text nodes write
 * themselves as JSON: the library prints each {@code enum} value with {@code toString()}, which for Jackson's own nodes
 * makes an ObjectMapper (its first making, date formats and calendars, some 70 ms of every command that checks a file).
 * The schemas are the jar's own, so a malformed one is a build's error, named with the schema.
 */
final class SchemaTree {
    private static final JsonFactory PARSERS = new JsonFactory();
    private static final JsonNodeFactory NODES = new JsonNodeFactory(false) {
        @Override
        public TextNode textNode(String text) {
            return new PrintedText(text);
        }
    };

    private SchemaTree() {
    }

    static JsonNode read(String name, byte[] text) {
        try (JsonParser parser = PARSERS.createParser(text)) {
            JsonNode tree = node(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value");
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalStateException("the jar's schema " + name + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "no JSON value");
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    object.set(key, node(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    array.add(node(parser, item));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /** A text node that writes itself as a JSON string, quotes and escapes included, without an ObjectMapper. */
    static final class PrintedText extends TextNode {
        private static final long serialVersionUID = 1L;

        PrintedText(String text) {
            super(text);
        }

        @Override
        public String toString() {
            return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(textValue())) + '"';
        }
    }
}
