package io.mooring.crypto;

import io.mooring.model.SecretDecryptor;
import io.mooring.model.SecretSealer;
import java.io.IOException;

/** The {@link SecretSealer} of a node with an age identity: what it keeps for itself is encrypted to its own public keys. */
public final class AgeSealer implements SecretSealer {
    /** A certificate with its chain and key is far below this. */
    private static final int MAX_BYTES = 1 << 20;
    private final AgeIdentity identity;

    public AgeSealer(AgeIdentity identity) {
        this.identity = identity;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public byte[] seal(byte[] plain) throws SecretDecryptor.Failure {
        try {
            return AgeCrypto.encrypt(plain, identity.publicKeys());
        } catch (IOException e) {
            throw new SecretDecryptor.Failure("cannot encrypt to this node's age identity " + identity.publicKeys() + ": " + e.getMessage());
        }
    }

    @Override
    public byte[] open(byte[] sealed) throws SecretDecryptor.Failure {
        try {
            return AgeCrypto.decrypt(sealed, identity, MAX_BYTES);
        } catch (IOException e) {
            throw new SecretDecryptor.Failure("cannot be decrypted with this node's age identity " + identity.publicKeys()
                    + " (was the identity file replaced?): " + AgeCrypto.reason(e));
        }
    }
}
