package io.mooring.reconcile;

import io.mooring.model.StoredCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The certificates an agent without an age identity makes or has issued, which it cannot seal for its state store: kept
 * in memory and in its private tmpfs folder ({@code secrets.filesDir}/{@value #FOLDER}, 0700, one file a tenant, 0600),
 * never on a disk. Each file is one node's: agents of several nodes may share a machine. An agent restarted finds them there and gives its containers the same certificate as before, instead
 * of a new one that would replace every container asking for it; a host's restart empties the folder, and they are made
 * again. A folder that is not on a tmpfs (or none) keeps them in memory only.
 */
final class UnsealedCertificates {
    static final String FOLDER = ".certificates";
    private static final String HEADER = "mooring-unsealed-certificate 1";
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    private final Optional<Path> folder;
    private final Map<String, StoredCertificate> memory = new ConcurrentHashMap<>();

    UnsealedCertificates(Optional<Path> filesDir) {
        this.folder = filesDir.map(d -> d.resolve(FOLDER));
    }

    Optional<StoredCertificate> get(String tenant, String node) {
        StoredCertificate kept = memory.get(tenant);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<StoredCertificate> read = file(tenant, node).flatMap(f -> read(f, tenant, node));
        read.ifPresent(c -> memory.put(tenant, c));
        return read;
    }

    void keep(StoredCertificate certificate) {
        memory.put(certificate.tenant(), certificate);
        file(certificate.tenant(), certificate.node()).ifPresent(f -> write(f, certificate));
    }

    void forget(String tenant, String node) {
        memory.remove(tenant);
        file(tenant, node).ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a host's restart empties the folder
            }
        });
    }

    /**
     * The tenant's file on this node (agents of several nodes may share a machine and its folder), when the folder is on a
     * tmpfs; else nothing is written.
     */
    private Optional<Path> file(String tenant, String node) {
        if (folder.isEmpty() || !TENANT.matcher(tenant).matches()) {
            return Optional.empty();
        }
        try {
            Path parent = folder.get().getParent();
            if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS) || !"tmpfs".equals(Files.getFileStore(parent).type())) {
                return Optional.empty();
            }
            if (!Files.isDirectory(folder.get(), LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(folder.get(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Optional.of(folder.get().resolve(tenant + "." + nodeKey(node)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A node's name as a file name's part: any name, sixteen hex digits. */
    private static String nodeKey(String node) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(node.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Optional<StoredCertificate> read(Path file, String tenant, String node) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            byte[] all = Files.readAllBytes(file);
            String[] head = new String(all, 0, Math.min(all.length, 4096), StandardCharsets.UTF_8).split("\n", 7);
            if (head.length < 7 || !head[0].equals(HEADER)) {
                return Optional.empty();
            }
            int offset = 0;
            for (int i = 0; i < 6; i++) {
                offset += head[i].getBytes(StandardCharsets.UTF_8).length + 1;
            }
            return Optional.of(new StoredCertificate(tenant, node, head[1], head[2], head[3], Instant.parse(head[4]), Instant.parse(head[5]),
                    Arrays.copyOfRange(all, offset, all.length)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // made again
        }
    }

    private static void write(Path file, StoredCertificate c) {
        byte[] head = String.join("\n", HEADER, c.source(), c.names(), c.fingerprint(), c.notAfter().toString(), c.renewAt().toString(), "")
                .getBytes(StandardCharsets.UTF_8);
        Path partial = file.resolveSibling(".partial-" + file.getFileName());
        try {
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] all = Arrays.copyOf(head, head.length + c.sealed().length);
            System.arraycopy(c.sealed(), 0, all, head.length, c.sealed().length);
            Files.write(partial, all);
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Kept in memory: a restart makes it again.
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing else to do
            }
        }
    }
}
