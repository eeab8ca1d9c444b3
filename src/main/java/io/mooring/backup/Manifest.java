package io.mooring.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one backup holds, written last: only a backup with a manifest exists for list, restore and retention.
 * Each object's size and SHA-256 are of the bytes as stored (after encryption), so that verify needs no key.
 */
public record Manifest(int format, String tenant, String node, String id, String revision, String created, List<String> recipients,
                       List<Item> objects, Map<String, String> tools) {
    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";
    /** A real manifest is a few hundred bytes; the cap keeps a hostile one from filling memory before it is parsed. */
    public static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One stored object: the database dump or the folders' archive. */
    public record Item(String name, String key, long bytes, String sha256, String source) {
    }

    public Manifest {
        recipients = List.copyOf(recipients);
        objects = List.copyOf(objects);
        tools = Map.copyOf(tools);
    }

    public boolean encrypted() {
        return !recipients.isEmpty();
    }

    public Instant createdAt() {
        return Instant.parse(created);
    }

    public long bytes() {
        return objects.stream().mapToLong(Item::bytes).sum();
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serializes", e);
        }
    }

    /** A manifest read back; one that cannot be read is an {@link IllegalArgumentException} naming what is wrong. */
    public static Manifest parse(byte[] json) {
        try {
            Manifest manifest = JSON.readValue(json, Manifest.class);
            if (manifest.format() != FORMAT || manifest.id() == null || manifest.objects() == null) {
                throw new IllegalArgumentException("not a Mooring backup manifest of format " + FORMAT);
            }
            return manifest;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a readable manifest: " + e.getMessage(), e);
        }
    }
}
