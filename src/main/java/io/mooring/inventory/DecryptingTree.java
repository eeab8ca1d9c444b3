package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.SecretDecryptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A config tree whose age-encrypted files ({@code db_password.txt.age}) are read, decrypted in memory, as the file
 * without the suffix ({@code db_password.txt}); the loaders never see the difference. A file committed both plain and
 * encrypted is an error naming both. A file this node cannot decrypt is an error naming it, this node's public keys
 * and the recipients the nearest {@code .age-recipients} lists (age's X25519 stanzas do not name their recipient).
 */
public final class DecryptingTree implements ConfigTree {
    public static final String SUFFIX = ".age";
    /** One {@code age1...} public key a line, {@code #} comments: whom a folder's secrets are encrypted to. */
    public static final String RECIPIENTS = ".age-recipients";

    private final ConfigTree inner;
    private final SecretDecryptor decryptor;
    /** Each file decrypted once per revision read, kept in memory only. */
    private final Map<String, byte[]> plain = new ConcurrentHashMap<>();

    private DecryptingTree(ConfigTree inner, SecretDecryptor decryptor) {
        this.inner = inner;
        this.decryptor = decryptor;
    }

    /** The tree with its encrypted files decrypted by {@code decryptor}; a tree that already is one is kept. */
    public static ConfigTree of(ConfigTree tree, SecretDecryptor decryptor) {
        return tree instanceof DecryptingTree ? tree : new DecryptingTree(tree, decryptor);
    }

    /** Whether the plain {@code path} was committed as such, not decrypted from {@code path.age}. */
    static boolean isPlain(ConfigTree tree, String path) {
        return tree instanceof DecryptingTree d ? d.inner.read(path).isPresent() : tree.read(path).isPresent();
    }

    @Override
    public Optional<byte[]> read(String path) {
        if (path.endsWith(SUFFIX)) {
            return inner.read(path);
        }
        Optional<byte[]> sealed = inner.read(path + SUFFIX);
        if (sealed.isEmpty()) {
            return inner.read(path);
        }
        if (inner.read(path).isPresent()) {
            throw new InvalidConfigException(Location.of(path + SUFFIX), "is committed both encrypted and in plain text (" + path
                    + "); keep the encrypted one: git rm " + path);
        }
        return Optional.of(plain.computeIfAbsent(path, p -> decrypt(p + SUFFIX, sealed.get())));
    }

    private byte[] decrypt(String file, byte[] sealed) {
        try {
            return decryptor.decrypt(sealed, MAX_FILE_BYTES);
        } catch (SecretDecryptor.Failure e) {
            List<String> recipients = recipients(file);
            throw new InvalidConfigException(Location.of(file), e.getMessage()
                    + (recipients.isEmpty() ? "; no " + RECIPIENTS + " in its folder or above says whom it is encrypted to"
                    : "; " + recipientsFile(file) + " lists " + String.join(", ", recipients))
                    + (decryptor.publicKeys().isEmpty() ? "" : "; re-encrypt it to this node's key too: add "
                    + decryptor.publicKeys().get(0) + " to " + RECIPIENTS + " and run `mooring secrets edit " + file + "`"));
        }
    }

    /** The public keys of the nearest {@code .age-recipients} at or above the file's folder; empty when there is none. */
    public List<String> recipients(String file) {
        return Optional.ofNullable(recipientsFile(file)).flatMap(inner::read)
                .map(bytes -> AgeRecipients.parse(new String(bytes, StandardCharsets.UTF_8))).orElse(List.of());
    }

    private String recipientsFile(String file) {
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        while (true) {
            String candidate = dir.isEmpty() ? RECIPIENTS : dir + "/" + RECIPIENTS;
            if (inner.read(candidate).isPresent()) {
                return candidate;
            }
            if (dir.isEmpty()) {
                return null;
            }
            dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
        }
    }

    @Override
    public List<String> folders(String dir) {
        return inner.folders(dir);
    }

    @Override
    public boolean isFolder(String path) {
        return inner.isFolder(path);
    }

    @Override
    public List<String> links(String dir) {
        return inner.links(dir);
    }

    @Override
    public Optional<String> fingerprint(List<String> paths) {
        return inner.fingerprint(paths);
    }

    @Override
    public String toString() {
        return "decrypting " + inner; // never the plaintext
    }
}
