package io.mooring.model;

/**
 * Encrypts what the agent keeps for itself (a certificate's key in the state store) to its own age identity, and opens it
 * again. The implementation lives with the cryptography library; {@link #NONE}: the node has no identity, and such
 * material is kept in memory only.
 */
public interface SecretSealer {
    SecretSealer NONE = new SecretSealer() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public byte[] seal(byte[] plain) throws SecretDecryptor.Failure {
            throw new SecretDecryptor.Failure("this node has no age identity (secrets.ageIdentityFile) to encrypt with");
        }

        @Override
        public byte[] open(byte[] sealed) throws SecretDecryptor.Failure {
            throw new SecretDecryptor.Failure("this node has no age identity (secrets.ageIdentityFile) to decrypt with");
        }
    };

    /** Whether there is an identity to seal to. */
    boolean available();

    byte[] seal(byte[] plain) throws SecretDecryptor.Failure;

    byte[] open(byte[] sealed) throws SecretDecryptor.Failure;
}
