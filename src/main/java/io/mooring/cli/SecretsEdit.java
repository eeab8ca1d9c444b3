package io.mooring.cli;

import io.mooring.crypto.AgeCrypto;
import io.mooring.model.ConfigTree;
import io.mooring.model.SecretDecryptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code mooring secrets edit FILE.age}: decrypts to a private file (0600 in a 0700 folder) on a tmpfs, so that the
 * plaintext never reaches a disk, runs {@code $EDITOR} on it, re-encrypts to the recipients, and wipes and deletes the
 * file whatever happens. A file that does not exist yet is started empty.
 */
final class SecretsEdit {
    private SecretsEdit() {
    }

    static void run(SecretsCommand.Options options) throws Exception {
        Path sealed = options.file();
        if (!sealed.toString().endsWith(".age")) {
            throw new UsageError("mooring secrets edit: " + sealed + " must end in .age (encrypt a plain file with `mooring secrets encrypt`)");
        }
        if (options.recipients().isEmpty()) {
            throw SecretsCommand.noRecipients(sealed);
        }
        byte[] plain = Files.exists(sealed) ? decrypt(sealed, options.decryptor().orElseThrow()) : new byte[0];
        Path folder = Files.createTempDirectory(PrivateTmpfs.folder(), "mooring-edit-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String name = sealed.getFileName().toString();
        Path open = folder.resolve(name.substring(0, name.length() - ".age".length()));
        try {
            Files.createFile(open, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(open, plain);
            edit(open);
            byte[] edited = Files.readAllBytes(open);
            if (Arrays.equals(edited, plain) && Files.exists(sealed)) {
                System.out.println(sealed + ": unchanged; not rewritten");
                return;
            }
            Path next = sealed.resolveSibling(name + ".new");
            Files.write(next, AgeCrypto.encrypt(edited, options.recipients()));
            Files.move(next, sealed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Arrays.fill(edited, (byte) 0);
            System.out.println("wrote " + sealed + " (encrypted to " + options.recipients().size() + " recipient(s))");
        } finally {
            Arrays.fill(plain, (byte) 0);
            wipe(open);
            Files.deleteIfExists(folder);
        }
    }

    private static byte[] decrypt(Path sealed, SecretDecryptor decryptor) throws IOException {
        if (decryptor.publicKeys().isEmpty()) {
            throw new UsageError("mooring secrets edit: give the age identity that decrypts " + sealed + ": --identity FILE or"
                    + " --config AGENT.yml (its secrets.ageIdentityFile)");
        }
        try {
            return decryptor.decrypt(Files.readAllBytes(sealed), ConfigTree.MAX_FILE_BYTES);
        } catch (SecretDecryptor.Failure e) {
            throw new UserError("mooring secrets edit: " + sealed + " " + e.getMessage());
        }
    }

    /** Runs the editor on the file, waiting for it; {@code $EDITOR} may carry arguments ({@code code --wait}). */
    private static void edit(Path file) throws IOException, InterruptedException {
        String editor = Optional.ofNullable(System.getenv("EDITOR")).filter(e -> !e.isBlank()).orElse("vi");
        List<String> command = new ArrayList<>(Arrays.asList(editor.strip().split("\\s+")));
        command.add(file.toString());
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new UserError("mooring secrets edit: the editor (" + editor + ") exited with " + exit + "; nothing was written");
        }
    }

    /** Overwrites the file with zeros before deleting it, also when the editor replaced it by another. */
    private static void wipe(Path file) throws IOException {
        if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.write(new byte[(int) Math.min(raf.length(), Integer.MAX_VALUE)]);
                raf.getFD().sync();
            }
        }
        Files.deleteIfExists(file);
        // Editors leave backups and swap files beside it: none survives.
        try (var left = Files.list(file.getParent())) {
            for (Path other : left.toList()) {
                Files.deleteIfExists(other);
            }
        }
    }
}
