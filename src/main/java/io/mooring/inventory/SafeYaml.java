package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
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
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root != null) {
                checkTags(file, root);
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location where = mark == null ? Location.of(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            throw new InvalidConfigException(where, describe(e));
        } catch (YAMLException e) {
            String message = e.getMessage() != null && e.getMessage().startsWith("Nesting Depth exceeded")
                    ? "nested deeper than " + MAX_DEPTH + " levels" : "not valid YAML: " + e.getMessage();
            throw new InvalidConfigException(Location.of(file), message);
        }
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
        if (e.getContext() != null && problem.startsWith("found duplicate key")) {
            return problem;
        }
        return e.getContext() == null ? problem : e.getContext() + ": " + problem;
    }

    private static String decode(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException(Location.of(file), "file is not UTF-8 text");
        }
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
