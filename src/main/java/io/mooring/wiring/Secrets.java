package io.mooring.wiring;

import io.mooring.config.AgentConfig;
import io.mooring.crypto.AgeDecryptor;
import io.mooring.crypto.AgeIdentity;
import io.mooring.crypto.AgeSealer;
import io.mooring.inventory.DecryptingTree;
import io.mooring.model.ConfigTree;
import io.mooring.model.SecretDecryptor;
import io.mooring.model.SecretSealer;
import io.mooring.source.Checkout;
import io.mooring.source.CommitSignature;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** This node's age identity, and a source whose trees read its tenants' encrypted files decrypted (in memory). */
public final class Secrets {
    private Secrets() {
    }

    /** The agent's decryptor: its {@code secrets.ageIdentityFile}'s, or none when the setting is not given. */
    public static SecretDecryptor decryptor(Optional<AgentConfig> config) {
        return decryptor(config.map(AgentConfig::getSecrets).map(s -> s.getAgeIdentityFile()).filter(f -> !f.isBlank()).map(Path::of),
                "secrets.ageIdentityFile");
    }

    /** The decryptor of an identity file; an unusable file stops here, naming {@code setting} and what to do. */
    public static SecretDecryptor decryptor(Optional<Path> identityFile, String setting) {
        if (identityFile.isEmpty()) {
            return SecretDecryptor.NONE;
        }
        try {
            return new AgeDecryptor(AgeIdentity.load(identityFile.get()));
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    /**
     * What encrypts the certificates the agent keeps for tenants: its own identity's public keys; none without an identity
     * (they are then kept in memory only, and made again when the agent restarts).
     */
    public static SecretSealer sealer(Optional<AgentConfig> config) {
        Optional<Path> file = config.map(AgentConfig::getSecrets).map(s -> s.getAgeIdentityFile()).filter(f -> !f.isBlank()).map(Path::of);
        if (file.isEmpty()) {
            return SecretSealer.NONE;
        }
        try {
            return new AgeSealer(AgeIdentity.load(file.get()));
        } catch (IOException e) {
            throw new IllegalArgumentException("secrets.ageIdentityFile: " + e.getMessage(), e);
        }
    }

    /** The source, every tree it gives decrypting its {@code *.age} files with {@code decryptor}. */
    public static GitSource decrypting(GitSource source, SecretDecryptor decryptor) {
        return new GitSource() {
            @Override
            public Checkout checkout(String ref) {
                Checkout checkout = source.checkout(ref);
                return new Checkout(checkout.revision(), DecryptingTree.of(checkout.tree(), decryptor));
            }

            @Override
            public Optional<ConfigTree> fetched(String commit) {
                return source.fetched(commit).map(tree -> DecryptingTree.of(tree, decryptor));
            }

            @Override
            public CommitSignature signature(String commit, SignaturePolicy policy) {
                return source.signature(commit, policy);
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
