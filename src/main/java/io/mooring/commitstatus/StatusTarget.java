package io.mooring.commitstatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Where statuses go: a provider's API at {@code api} (its base URL), the {@code repository} there, the token that may
 * post, and the page each status links to ({@code {tenant}} in it replaced by the tenant). The token is never shown:
 * not by {@link #toString}, not in a log line.
 */
public final class StatusTarget {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Provider provider;
    private final String api;
    private final String repository;
    private final String token;
    private final Optional<String> pageUrl;

    public StatusTarget(Provider provider, String api, String repository, String token, Optional<String> pageUrl) {
        this.provider = provider;
        this.api = api.replaceAll("/+$", "");
        this.repository = repository;
        this.token = token;
        this.pageUrl = pageUrl;
    }

    public Provider provider() {
        return provider;
    }

    /** The address {@code status} is posted to. */
    public URI uri(CommitStatus status) {
        return URI.create(api + provider.path(repository, status.sha()));
    }

    /** The link of a status of {@code tenant}, when a page is configured. */
    public Optional<String> targetUrl(String tenant) {
        return pageUrl.map(page -> page.replace("{tenant}", URLEncoder.encode(tenant, StandardCharsets.UTF_8)));
    }

    /** The POST of {@code status}, with the token, its JSON body, and {@code timeout} for the host's answer. */
    public HttpRequest request(CommitStatus status, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(status)).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "mooring")
                .POST(HttpRequest.BodyPublishers.ofString(body(status), StandardCharsets.UTF_8));
        return request.headers(provider.headers(token).toArray(String[]::new)).build();
    }

    /** The JSON body of {@code status}. */
    public String body(CommitStatus status) {
        try {
            return JSON.writeValueAsString(provider.body(status, targetUrl(status.tenant())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status's body cannot be written as JSON", e);
        }
    }

    /** {@code text} with the token blanked out, for what the host answered before it is logged. */
    public String withoutToken(String text) {
        return token.isEmpty() ? text : text.replace(token, "***");
    }

    @Override
    public String toString() {
        return provider.name().toLowerCase(java.util.Locale.ROOT) + " " + api + " " + repository;
    }
}
