package io.mooring.wiring;

import io.mooring.model.SecretDecryptor;
import io.mooring.model.SecretSealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The agent's ACME account key: made once, on the first order, and kept in {@code HOME/acme/account-key.age} encrypted to the
 * agent's own age identity (the folder 0700, the file 0600, written whole or not at all). Its plaintext lives in this
 * process's memory only and is never logged. It is not kept in memory alone when the agent has no identity, as a
 * self-signed certificate is: a new account at every start would also mean new certificates from the CA at every start,
 * which a public CA's rate limits soon refuse; so {@code acme:} needs {@code secrets.ageIdentityFile}.
 */
final class AccountKey {
    static final String FOLDER = "acme";
    static final String FILE = "account-key.age";

    private final Path file;
    private final SecretSealer sealer;
    private final Supplier<String> make;
    private String pem;

    /** The key file under {@code home}, sealed by {@code sealer}; {@code make}: a new key's PEM. */
    AccountKey(Path home, SecretSealer sealer, Supplier<String> make) {
        this.file = home.resolve(FOLDER).resolve(FILE);
        this.sealer = sealer;
        this.make = make;
    }

    Path file() {
        return file;
    }

    /** The key's PEM: read from its file, or made and written there the first time. */
    synchronized String pem() throws Unusable {
        if (pem == null) {
            pem = Files.exists(file) ? read() : write();
        }
        return pem;
    }

    private String read() throws Unusable {
        try {
            return new String(sealer.open(Files.readAllBytes(file)), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new Unusable("the ACME account key " + file + " cannot be read: " + e.getMessage());
        } catch (SecretDecryptor.Failure e) {
            throw new Unusable("the ACME account key " + file + " " + e.getMessage() + "; move it away to register a new account");
        }
    }

    private String write() throws Unusable {
        String made = make.get();
        try {
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            Path partial = Files.createTempFile(folder, FILE, ".partial", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(partial, sealer.seal(made.getBytes(StandardCharsets.US_ASCII)));
                move(partial);
            } finally {
                Files.deleteIfExists(partial);
            }
            return made;
        } catch (IOException | UnsupportedOperationException e) {
            throw new Unusable("the ACME account key cannot be kept in " + file + ": " + e.getMessage());
        } catch (SecretDecryptor.Failure e) {
            throw new Unusable("the ACME account key cannot be encrypted: " + e.getMessage());
        }
    }

    private void move(Path partial) throws IOException {
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file);
        }
    }

    /** The key can be neither read nor made: in words that hold no key. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }
}
