package io.mooring.crypto;

import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * The private keys of an age identity file (age-keygen's: one or more {@code AGE-SECRET-KEY-1} lines, comments
 * beside them), and the public keys ({@code age1...}) they answer to, which messages may name. {@link #toString()}
 * never prints a private key.
 */
public final class AgeIdentity {
    static final String PREFIX = "AGE-SECRET-KEY-1";

    private final String file;
    private final List<String> keys;
    private final List<String> publicKeys;

    private AgeIdentity(String file, List<String> keys, List<String> publicKeys) {
        this.file = file;
        this.keys = List.copyOf(keys);
        this.publicKeys = List.copyOf(publicKeys);
    }

    /** Reads the file; one without a key, or with a key that is not a valid X25519 identity, is refused. */
    public static AgeIdentity load(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static AgeIdentity parse(String file, String text) throws IOException {
        List<String> keys = new ArrayList<>();
        List<String> publicKeys = new ArrayList<>();
        int line = 0;
        for (String raw : text.split("\n", -1)) {
            line++;
            String key = raw.strip();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            try {
                publicKeys.add(publicKey(key));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IOException(file + ":" + line + ": not a valid age identity (AGE-SECRET-KEY-1...); make one with age-keygen");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IOException(file + " holds no age identity (an AGE-SECRET-KEY-1... line); make one with `age-keygen -o " + file + "`");
        }
        return new AgeIdentity(file, keys, publicKeys);
    }

    /** The recipient ({@code age1...}) that encrypts to this private key. */
    static String publicKey(String secretKey) throws GeneralSecurityException {
        Key pub = new X25519KeyFactory().translateKey(new SecretKeySpec(secretKey.getBytes(StandardCharsets.US_ASCII), "X25519"));
        return new String(pub.getEncoded(), StandardCharsets.US_ASCII);
    }

    public String file() {
        return file;
    }

    List<String> keys() {
        return keys;
    }

    /** The public keys of every private key of the file, in its order. */
    public List<String> publicKeys() {
        return publicKeys;
    }

    @Override
    public String toString() {
        return "age identity " + file + " " + publicKeys; // never the private keys
    }
}
