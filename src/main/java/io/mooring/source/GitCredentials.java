package io.mooring.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How Mooring proves itself to the config repository's server: a user and a password or token for HTTPS,
 * or a private key for SSH, whose server must then be in {@code knownHosts} (host keys are always checked).
 * Never printed: {@link #toString} hides the password.
 */
public record GitCredentials(String username, String password, Path sshKey, Path knownHosts) {
    public static final GitCredentials NONE = new GitCredentials(null, null, null, null);

    /**
     * Credentials from settings that may each be absent (null); the password or token is read from its file,
     * and a file that cannot be read is an error that names it.
     */
    public static GitCredentials fromFiles(String username, String passwordFile, String sshKey, String knownHosts) {
        String password = null;
        if (passwordFile != null && !passwordFile.isBlank()) {
            try {
                password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new SourceException("the Git password file " + passwordFile + " cannot be read: " + e.getMessage(), e);
            }
            if (password.isEmpty()) {
                throw new SourceException("the Git password file " + passwordFile + " is empty");
            }
        }
        return new GitCredentials(username, password, sshKey == null ? null : Path.of(sshKey), knownHosts == null ? null : Path.of(knownHosts));
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "GitCredentials[user " + username + ", password " + (hasPassword() ? "****" : "none") + ", sshKey " + sshKey
                + ", knownHosts " + knownHosts + "]";
    }
}
