package io.mooring.model;

/** A user and password (or token) for one registry host, such as {@code registry.example.com:5000}. Never printed. */
public record RegistryCredentials(String registry, String username, String password) {
    @Override
    public String toString() {
        return "RegistryCredentials[" + registry + ", user " + username + ", password ****]";
    }
}
