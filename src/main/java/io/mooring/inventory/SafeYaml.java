package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file into a node tree without constructing any object from it, within fixed limits (the file's
 * size here, what its aliases expand to in {@link AliasBudget}): untrusted commits cannot make the agent
 * allocate, recurse or instantiate without bound.
 */
final class SafeYaml {
    static final int MAX_BYTES = ConfigTree.MAX_FILE_BYTES;

    private SafeYaml() {
    }

    /** The document's root node, or null for an empty file; a key written twice in a mapping is an error. */
    static Node parse(String file, byte[] bytes) {
        return parse(file, bytes, null);
    }

    /**
     * The document's root node, or null for an empty file. With {@code duplicateWarnings}, a key written twice
     * in a mapping is a warning added there and the last one wins (Ansible's reading); without, an error.
     */
    static Node parse(String file, byte[] bytes, List<Problem> duplicateWarnings) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidConfigException(Location.of(file), "file is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        String text = decode(file, bytes);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidConfigException(locate(file, text, nul), "file contains a NUL character");
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        try {
            // The node tree is built by NodeComposer, never by Yaml's object-constructing machinery.
            return NodeComposer.compose(file, new ParserImpl(new StreamReader(new StringReader(text)), options), duplicateWarnings);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location where = mark == null ? Location.of(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            throw new InvalidConfigException(where, describe(e));
        } catch (YAMLException e) {
            throw new InvalidConfigException(new Location(file, 1, 1), "not valid YAML: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // SnakeYAML checks some input (tag text, escapes) with plain argument checks; that is bad input, not a bug.
            throw new InvalidConfigException(new Location(file, 1, 1), "not valid YAML: " + e.getMessage());
        }
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
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
}
