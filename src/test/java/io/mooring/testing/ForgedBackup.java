package io.mooring.testing;

import io.mooring.backup.Manifest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Backups made by hand in the test bucket, as whoever holds the bucket's keys could: a copy of a real backup under a
 * new id, its folders archive replaced and its manifest made to match (SHA-256s and sizes right).
 */
public final class ForgedBackup {
    private final TestS3 s3;
    private final String tenant;

    public ForgedBackup(TestS3 s3, String tenant) {
        this.s3 = s3;
        this.tenant = tenant;
    }

    public String key(String id, String name) {
        return "mooring/" + tenant + "/node-a/" + id + "/" + name;
    }

    public byte[] get(String key) {
        return s3.client.getObjectAsBytes(b -> b.bucket(TestS3.BUCKET).key(key)).asByteArray();
    }

    public void put(String key, byte[] bytes) {
        s3.client.putObject(b -> b.bucket(TestS3.BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    /** Backup {@code realId} again as {@code id}, with {@code tar} as its folders archive. */
    public String forge(String realId, String id, byte[] tar) throws Exception {
        Manifest real = Manifest.parse(get(key(realId, Manifest.FILE)));
        List<Manifest.Item> items = new ArrayList<>();
        for (Manifest.Item item : real.objects()) {
            byte[] bytes = item.name().equals("folders") ? tar : get(item.key());
            String stored = key(id, item.key().substring(item.key().lastIndexOf('/') + 1));
            put(stored, bytes);
            items.add(new Manifest.Item(item.name(), stored, bytes.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), item.source()));
        }
        put(key(id, Manifest.FILE), new Manifest(Manifest.FORMAT, tenant, "node-a", id, real.revision(), real.created(), List.of(), items,
                real.tools()).toJson());
        return id;
    }

    /** A tar whose first entry is the good file {@code good}, then the hostile one. */
    public static byte[] tarWith(String good, TarArchiveEntry hostile) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] content = "good\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry(good);
            file.setSize(content.length);
            tar.putArchiveEntry(file);
            tar.write(content);
            tar.closeArchiveEntry();
            byte[] body = hostile.isFile() && hostile.getSize() > 0 ? new byte[(int) hostile.getSize()] : new byte[0];
            tar.putArchiveEntry(hostile);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** A tar entry of {@code type}, pointing at {@code linkName} when it is a link; a regular file has 4 bytes. */
    public static TarArchiveEntry entry(String name, byte type, String linkName) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        if (linkName != null) {
            entry.setLinkName(linkName);
        }
        if (type == TarConstants.LF_NORMAL) {
            entry.setSize(4);
        }
        return entry;
    }
}
