package io.mooring.cli;

import io.mooring.crypto.AgeCrypto;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code mooring secrets encrypt FILE}: writes FILE.age, never over an existing one, and says to remove the plaintext. */
final class SecretsEncrypt {
    private SecretsEncrypt() {
    }

    static void run(SecretsCommand.Options options) throws IOException {
        Path file = options.file();
        if (file.toString().endsWith(".age")) {
            throw new UsageError("mooring secrets encrypt: " + file + " already ends in .age; give the plain file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageError("mooring secrets encrypt: " + file + ": no such file");
        }
        if (options.recipients().isEmpty()) {
            throw SecretsCommand.noRecipients(file);
        }
        Path sealed = file.resolveSibling(file.getFileName() + ".age");
        byte[] plain = Files.readAllBytes(file);
        try {
            Files.write(sealed, AgeCrypto.encrypt(plain, options.recipients()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new UserError("mooring secrets encrypt: " + sealed + " exists; not overwritten (edit it with `mooring secrets edit "
                    + sealed + "`, or delete it first)");
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
        System.out.println("wrote " + sealed + " (encrypted to " + options.recipients().size() + " recipient(s)); now delete the"
                + " plain file: `git rm " + file + "` if it was committed (and rewrite history if it was pushed), else `rm " + file + "`");
    }
}
