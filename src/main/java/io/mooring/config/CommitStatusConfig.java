package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The agent's {@code commitStatus:} block: the Git host (GitHub, GitLab, Gitea or Forgejo) the agent posts a status to,
 * per tenant and node, on each commit it applies. Off without {@code provider}. {@code api} and {@code repository} may be
 * left out when the agent's {@code repo} is a github.com or gitlab.com URL: they are then derived from it.
 */
@CommitStatusChecks
public class CommitStatusConfig {
    public static final String GITHUB = "github";
    public static final String GITLAB = "gitlab";
    public static final String GITEA = "gitea";
    public static final String FORGEJO = "forgejo";

    /** github, gitlab, gitea (or forgejo, the same API); none: no statuses are posted. */
    @JsonProperty
    private String provider;

    /** The host's API base URL: https://api.github.com, https://gitlab.example.com/api/v4, https://gitea.example.com/api/v1. */
    @JsonProperty
    private String api;

    /** owner/name on GitHub and Gitea; on GitLab the project's path (group/sub/name) or its numeric id. */
    @JsonProperty
    private String repository;

    /** A file holding the access token, readable by the agent only. */
    @ReadableSecret(minLength = 1)
    @JsonProperty
    private String tokenFile;

    /** The link of each status (target_url), such as the agent's status page; {tenant} is replaced by the tenant. Optional. */
    @JsonProperty
    private String pageUrl;

    /** Whether the block is on: a provider is set. */
    public boolean enabled() {
        return provider != null && !provider.isBlank();
    }

    /** The provider in lower case, forgejo read as gitea (their status APIs are one). */
    public String getProvider() {
        String name = provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT);
        return name.equals(FORGEJO) ? GITEA : name;
    }

    public Optional<String> getApi() {
        return Optional.ofNullable(api).map(String::strip).filter(a -> !a.isEmpty());
    }

    public Optional<String> getRepository() {
        return Optional.ofNullable(repository).map(String::strip).filter(r -> !r.isEmpty());
    }

    public String getTokenFile() {
        return tokenFile;
    }

    public Optional<String> getPageUrl() {
        return Optional.ofNullable(pageUrl).map(String::strip).filter(p -> !p.isEmpty());
    }

    /** The token, read once at start; empty without a token file. */
    public Optional<String> token() {
        return SecretFile.read("commitStatus.tokenFile", tokenFile);
    }

    /** {@code api}, or the one of github.com or gitlab.com when the agent's {@code repo} is there and the provider matches. */
    public Optional<String> api(String repo) {
        return getApi().or(() -> hosted(repo).map(h -> h[0].equals("github.com") ? "https://api.github.com" : "https://gitlab.com/api/v4"));
    }

    /** {@code repository}, or the path of the agent's {@code repo} on github.com or gitlab.com when the provider matches. */
    public Optional<String> repository(String repo) {
        return getRepository().or(() -> hosted(repo).map(h -> h[1]));
    }

    /** The host and path (without .git) of {@code repo} when it is on github.com (provider github) or gitlab.com (gitlab). */
    private Optional<String[]> hosted(String repo) {
        Optional<String[]> parts = hostAndPath(repo);
        String expected = GITHUB.equals(getProvider()) ? "github.com" : GITLAB.equals(getProvider()) ? "gitlab.com" : "";
        return parts.filter(p -> p[0].equals(expected) && p[1].contains("/"));
    }

    /** https://host/path(.git), ssh://user@host/path(.git) or user@host:path(.git) as host and path; empty otherwise. */
    static Optional<String[]> hostAndPath(String repo) {
        if (repo == null || repo.isBlank()) {
            return Optional.empty();
        }
        String text = repo.strip();
        String host;
        String path;
        if (text.contains("://")) {
            try {
                URI uri = new URI(text);
                host = uri.getHost();
                path = uri.getPath();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        } else if (text.matches("[^/@:]+@[^/:]+:.+")) {
            host = text.substring(text.indexOf('@') + 1, text.indexOf(':'));
            path = text.substring(text.indexOf(':') + 1);
        } else {
            return Optional.empty();
        }
        if (host == null || path == null) {
            return Optional.empty();
        }
        path = path.replaceAll("^/+|/+$", "").replaceAll("\\.git$", "");
        return path.isEmpty() ? Optional.empty() : Optional.of(new String[] {host.toLowerCase(Locale.ROOT), path});
    }
}
