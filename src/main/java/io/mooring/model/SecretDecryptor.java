package io.mooring.model;

import java.util.List;

/**
 * Decrypts a tenant's age-encrypted files ({@code *.age}) with this node's identity, in memory only. The
 * implementation lives with the cryptography library; the loaders see this port.
 */
public interface SecretDecryptor {
    /** A node without an identity: every encrypted file is refused, saying how to give one. */
    SecretDecryptor NONE = new SecretDecryptor() {
        @Override
        public byte[] decrypt(byte[] sealed, int maxBytes) throws Failure {
            throw new Failure("this node has no age identity to decrypt it with: set secrets.ageIdentityFile in the agent's"
                    + " configuration (the command line: --identity FILE or --config AGENT.yml)");
        }

        @Override
        public List<String> publicKeys() {
            return List.of();
        }
    };

    /** The plaintext of a whole age file, at most {@code maxBytes}. */
    byte[] decrypt(byte[] sealed, int maxBytes) throws Failure;

    /** The public keys ({@code age1...}) of this node's identity, for messages; empty without one. */
    List<String> publicKeys();

    /** Why a file cannot be decrypted here, in words that never hold the plaintext. */
    final class Failure extends Exception {
        public Failure(String message) {
            super(message);
        }
    }
}
