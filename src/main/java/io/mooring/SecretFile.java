package io.mooring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A secret the agent's configuration names by file, so that it is never written in the configuration itself. */
final class SecretFile {
    private static final int MIN_LENGTH = 16;

    private SecretFile() {
    }

    /**
     * The secret in {@code file}, stripped; empty when {@code file} is not set. A file that cannot be read or
     * holds a short secret stops the agent's start, naming the {@code setting}.
     */
    static Optional<String> read(String setting, String file) {
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        String secret;
        try {
            secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(setting + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException(setting + " " + file + " holds " + (secret.isEmpty() ? "nothing" : "a secret shorter than "
                    + MIN_LENGTH + " characters") + "; write a long random one, e.g. `openssl rand -hex 32 > " + file + "`");
        }
        return Optional.of(secret);
    }
}
