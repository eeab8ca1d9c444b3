package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code notifications.targets}: its {@code type}, its {@code url} or (when the URL carries a token) the
 * {@code urlFile} holding it, a {@code secretFile} (the webhook's HMAC key, ntfy's bearer token, Gotify's application
 * token), the {@code tenants} and {@code events} it takes (all when absent), and for {@code email} the SMTP settings.
 * {@link NotificationChecks} checks the entry as a whole.
 */
public class NotificationTarget {
    @JsonProperty
    private String type;
    @JsonProperty
    private String url;
    @ReadableSecret(minLength = 1)
    @JsonProperty
    private String urlFile;
    @ReadableSecret(minLength = 1)
    @JsonProperty
    private String secretFile;
    @JsonProperty
    private List<String> tenants = List.of();
    @JsonProperty
    private List<String> events = List.of();
    @JsonProperty
    private String host;
    @Min(1)
    @Max(65535)
    @JsonProperty
    private Integer port;
    @JsonProperty
    private String from;
    @JsonProperty
    private List<String> to = List.of();
    @JsonProperty
    private String username;
    @ReadableSecret(minLength = 1)
    @JsonProperty
    private String passwordFile;
    @JsonProperty
    private String tls = "starttls";

    public String getType() {
        return type;
    }

    public Optional<String> getUrl() {
        return Optional.ofNullable(url).filter(u -> !u.isBlank());
    }

    public Optional<String> getUrlFile() {
        return Optional.ofNullable(urlFile).filter(u -> !u.isBlank());
    }

    public Optional<String> getSecretFile() {
        return Optional.ofNullable(secretFile).filter(u -> !u.isBlank());
    }

    public List<String> getTenants() {
        return tenants == null ? List.of() : tenants;
    }

    public List<String> getEvents() {
        return events == null ? List.of() : events;
    }

    public Optional<String> getHost() {
        return Optional.ofNullable(host).filter(h -> !h.isBlank());
    }

    /** The SMTP port: as set, or 465 for {@code tls}, 587 for {@code starttls}, 25 for {@code none}. */
    public int getPort() {
        return port != null ? port : switch (tls) {
            case "tls" -> 465;
            case "none" -> 25;
            default -> 587;
        };
    }

    public Optional<String> getFrom() {
        return Optional.ofNullable(from).filter(f -> !f.isBlank());
    }

    public List<String> getTo() {
        return to == null ? List.of() : to;
    }

    public Optional<String> getUsername() {
        return Optional.ofNullable(username).filter(u -> !u.isBlank());
    }

    public Optional<String> getPasswordFile() {
        return Optional.ofNullable(passwordFile).filter(u -> !u.isBlank());
    }

    public String getTls() {
        return tls;
    }

    /** The URL: inline, or read from {@code urlFile} (named {@code setting} should it have become unreadable). */
    public Optional<String> url(String setting) {
        return getUrl().or(() -> SecretFile.read(setting + ".urlFile", urlFile));
    }

    public Optional<String> secret(String setting) {
        return SecretFile.read(setting + ".secretFile", secretFile);
    }

    public Optional<String> password(String setting) {
        return SecretFile.read(setting + ".passwordFile", passwordFile);
    }
}
