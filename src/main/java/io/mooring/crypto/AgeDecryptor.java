package io.mooring.crypto;

import io.mooring.model.SecretDecryptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@link SecretDecryptor} of a node with an age identity. */
public final class AgeDecryptor implements SecretDecryptor {
    private final AgeIdentity identity;

    public AgeDecryptor(AgeIdentity identity) {
        this.identity = identity;
    }

    @Override
    public byte[] decrypt(byte[] sealed, int maxBytes) throws Failure {
        List<String> stanzas = stanzas(sealed);
        if (stanzas == null) {
            throw new Failure("is not an age file (no age-encryption.org/v1 header); encrypt it with `mooring secrets encrypt`");
        }
        try {
            return AgeCrypto.decrypt(sealed, identity, maxBytes);
        } catch (IOException e) {
            throw new Failure("cannot be decrypted with this node's age identity " + identity.publicKeys()
                    + " (it is encrypted to " + stanzas.size() + " recipient(s) of type " + String.join(", ", stanzas.stream().distinct().toList())
                    + "; age does not name them): " + AgeCrypto.reason(e));
        }
    }

    @Override
    public List<String> publicKeys() {
        return identity.publicKeys();
    }

    /** The types of the header's recipient stanzas ({@code -> X25519 ...}), or null when this is no age file. */
    static List<String> stanzas(byte[] sealed) {
        String head = new String(sealed, 0, Math.min(sealed.length, 8192), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("age-encryption.org/v1\n")) {
            return null;
        }
        int end = head.indexOf("\n---");
        return head.substring(0, end < 0 ? head.length() : end).lines().filter(l -> l.startsWith("-> "))
                .map(l -> l.substring(3).split(" ", 2)[0]).toList();
    }

    @Override
    public String toString() {
        return "age decryptor of " + identity;
    }
}
