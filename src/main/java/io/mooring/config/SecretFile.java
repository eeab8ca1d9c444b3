package io.mooring.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A secret the agent's configuration names by file, so that it is never written in the configuration itself.
 * {@link ReadableSecret} checks the file when the configuration is loaded; {@link #read} takes the secret at start.
 */
public final class SecretFile {
    /** What a token, a webhook secret or a bucket key must at least hold: guessing one must not be practical. */
    public static final int MIN_LENGTH = 16;

    private SecretFile() {
    }

    /** What is wrong with {@code file} as a secret of at least {@code minLength} characters; empty when nothing is. */
    static Optional<String> problem(String file, int minLength) {
        String secret;
        try {
            secret = content(file);
        } catch (IOException | RuntimeException e) {
            return Optional.of(file + " cannot be read: " + reason(e));
        }
        if (secret.length() >= minLength) {
            return Optional.empty();
        }
        return Optional.of(file + (secret.isEmpty() ? " is empty" : " holds a secret shorter than " + minLength + " characters")
                + (minLength < MIN_LENGTH ? "" : "; write a long random one, e.g. `openssl rand -hex 32 > " + file + "`"));
    }

    /**
     * The secret in {@code file}, stripped; empty when {@code file} is not set. The file was checked when the
     * configuration was loaded; one that has become unreadable since stops the start, naming the {@code setting}.
     */
    public static Optional<String> read(String setting, String file) {
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(content(file));
        } catch (IOException e) {
            throw new IllegalStateException(setting + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The exception's kind in words: its message alone often repeats only the file name. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String content(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    }
}
