package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML file into a node tree without constructing any object from it, within fixed limits:
 * untrusted commits cannot make the agent allocate, recurse or instantiate without bound.
 */
final class SafeYaml {
    static final int MAX_BYTES = ConfigTree.MAX_FILE_BYTES;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 32;
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    private SafeYaml() {
    }

    /** The document's root node, or null for an empty file. */
    static Node parse(String file, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidConfigException(Location.of(file), "file is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        String text = decode(file, bytes);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidConfigException(locate(file, text, nul), "file contains a NUL character");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        try {
            Node root = compose(text, options);
            if (root != null) {
                checkTags(file, root);
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location where = mark == null ? Location.of(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            throw new InvalidConfigException(where, describe(e));
        } catch (YAMLException e) {
            throw limitExceeded(file, text, options, e);
        } catch (IllegalArgumentException e) {
            // SnakeYAML checks some input (tag text, escapes) with plain argument checks; that is bad input, not a bug.
            throw new InvalidConfigException(new Location(file, 1, 1), "not valid YAML: " + e.getMessage());
        }
    }

    /** The node tree, built without the object-constructing machinery of {@code Yaml}, which is never needed here. */
    private static Node compose(String text, LoaderOptions options) {
        Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options);
        return composer.getSingleNode();
    }

    /**
     * The composer stops at a limit without saying where; the events, which carry their marks, do. The first
     * alias past the limit or the first collection past the depth is where the file goes wrong.
     */
    private static InvalidConfigException limitExceeded(String file, String text, LoaderOptions options, YAMLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        boolean depth = message.startsWith("Nesting Depth exceeded");
        boolean aliases = message.startsWith("Number of aliases");
        String problem = depth ? "nested deeper than " + MAX_DEPTH + " levels"
                : aliases ? "more than " + MAX_ALIASES + " aliases to lists or maps; refused as a possible alias bomb"
                : "not valid YAML: " + message;
        Mark mark = null;
        try {
            int level = 0;
            int aliasCount = 0;
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof CollectionStartEvent && ++level > MAX_DEPTH && depth) {
                    mark = event.getStartMark();
                    break;
                } else if (event instanceof CollectionEndEvent) {
                    level--;
                } else if (event instanceof AliasEvent && ++aliasCount > MAX_ALIASES && aliases) {
                    mark = event.getStartMark();
                    break;
                }
            }
        } catch (YAMLException | IllegalArgumentException again) {
            // The events could not be read either: the message stands without a line.
        }
        Location where = mark == null ? new Location(file, 1, 1) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
        return new InvalidConfigException(where, problem);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
        if (problem.startsWith("Global tag is not allowed: ")) {
            return "YAML tag " + problem.substring("Global tag is not allowed: ".length())
                    + " is not allowed; write plain strings, numbers, lists and maps";
        }
        if (e.getContext() != null && problem.startsWith("found duplicate key")) {
            return problem;
        }
        return e.getContext() == null ? problem : e.getContext() + ": " + problem;
    }

    /** The text, or an error at the first byte that is not UTF-8 (line and column counted in bytes). */
    private static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new InvalidConfigException(new Location(file, line, offset - lineStart + 1),
                    String.format("file is not UTF-8 text: byte 0x%02x cannot start or continue a character; save the file as UTF-8",
                            bytes[offset] & 0xff));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static Location locate(String file, String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Location(file, line, offset - lineStart + 1);
    }

    private static Location location(String file, Node node) {
        return new Location(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /** Language-specific tags (!!python/object, !!java...) and custom ones are refused, never resolved. */
    private static void checkTags(String file, Node node) {
        if (node.getTag().equals(Tag.MERGE)) {
            throw new InvalidConfigException(location(file, node), "merge keys (<<) are not supported; write the keys out in full");
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            throw new InvalidConfigException(location(file, node),
                    "YAML tag " + node.getTag().getValue() + " is not allowed; write plain strings, numbers, lists and maps");
        }
        if (node instanceof MappingNode map) {
            Map<String, Node> seen = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    Node first = seen.putIfAbsent(key.getValue(), key);
                    if (first != null) {
                        throw new InvalidConfigException(location(file, key), "duplicate key " + key.getValue()
                                + " (first at line " + (first.getStartMark().getLine() + 1) + ")");
                    }
                }
                checkTags(file, tuple.getKeyNode());
                checkTags(file, tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                checkTags(file, item);
            }
        }
    }
}
