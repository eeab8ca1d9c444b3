package io.mooring.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The files the schemas found nothing in, remembered between commands where a command keeps them ({@code apply} and
 * {@code plan}, under the node's home): a file whose JSON form passed the same schema text before passes again without
 * the schemas being compiled (some 150 ms of CPU of every such command on a revision it has read before). Only passes
 * are remembered, by the SHA-256 of the file's JSON form and the schema's checksum ({@link #key}); a file with a
 * problem is checked every time, and the readers' own checks always run. Where no store is set (the agent,
 * {@code validate}), every file is checked.
 */
public final class SchemaMemory {
    /** Where passes are remembered: keys of 64 hex digits. */
    public interface Store {
        boolean holds(String key);

        void add(String key);
    }

    private static volatile Store store;

    private SchemaMemory() {
    }

    /** The store this process's readers remember passes in from now on; null: none. */
    public static void use(Store memory) {
        store = memory;
    }

    static Optional<Store> store() {
        return Optional.ofNullable(store);
    }

    /**
     * The key of a file's JSON form checked against a schema's text: both written out unambiguously, then hashed. The
     * schema is the jar's own, not a tenant's, and a verdicts file outlives no build ({@code SchemaVerdicts}): its length
     * and CRC-32C tell its versions apart (hashing its 46 KB with SHA-256 took 9 ms of every {@code apply}); the file,
     * which a tenant writes, is what SHA-256 keeps from being forged.
     */
    static String key(byte[] schemaText, JsonNode json) {
        StringBuilder out = new StringBuilder(4096);
        CRC32C crc = new CRC32C();
        crc.update(schemaText);
        out.append(schemaText.length).append(':').append(Long.toHexString(crc.getValue())).append('\n');
        write(json, out);
        return Sha256.hex(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Each node as its type, then its length or text: no two trees are written alike. */
    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{').append(node.size()).append(':');
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    text(field.getKey(), out);
                    write(field.getValue(), out);
                }
            }
            case ARRAY -> {
                out.append('[').append(node.size()).append(':');
                node.forEach(item -> write(item, out));
            }
            case STRING -> {
                out.append('s');
                text(node.textValue(), out);
            }
            case NUMBER -> {
                out.append(node.isIntegralNumber() ? 'i' : 'f');
                text(node.asText(), out);
            }
            case BOOLEAN -> out.append(node.booleanValue() ? 'T' : 'F');
            case NULL -> out.append('z');
            default -> {
                out.append('?').append(node.getNodeType());
                text(node.toString(), out);
            }
        }
    }

    private static void text(String text, StringBuilder out) {
        out.append(text.length()).append(':').append(text);
    }
}
