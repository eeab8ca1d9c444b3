package io.mooring.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Git host's commit status API as GitHub, GitLab and Gitea document it, on loopback: {@code /github} answers
 * {@code POST /repos/{owner}/{repo}/statuses/{sha}} with {@code Authorization: Bearer} and GitHub's version header,
 * {@code /gitlab/api/v4} answers {@code POST /projects/{url-encoded path}/statuses/{sha}} with {@code PRIVATE-TOKEN} (and
 * 400 to a transition to the state a status is in, as GitLab does), {@code /gitea/api/v1} answers the GitHub path with
 * {@code Authorization: token}. Each accepted post is answered 201 and kept, with its provider and its JSON body.
 */
final class StatusHost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPOS = Pattern.compile("/(github|gitea/api/v1)/repos/acme/fleet/statuses/([0-9a-f]{40})");
    private static final Pattern PROJECTS = Pattern.compile("/gitlab/api/v4/projects/acme%2Ffleet/statuses/([0-9a-f]{40})");

    /** A status as received: which API, which commit, what was sent, and what the host answered. */
    record Posted(String provider, String sha, Map<String, Object> body, int answer) {
        String state() {
            return (String) body.get("state");
        }

        String context() {
            return (String) body.getOrDefault("context", body.get("name"));
        }
    }

    private final String token;
    private final HttpServer server;
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final Map<String, String> gitlabStates = new HashMap<>();

    StatusHost(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API base URL of {@code provider} (github, gitlab, gitea) on this server. */
    String api(String provider) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return switch (provider) {
            case "github" -> base + "/github";
            case "gitlab" -> base + "/gitlab/api/v4";
            default -> base + "/gitea/api/v1";
        };
    }

    /** The statuses posted on {@code sha}, in the order they came, answered 201 or refused. */
    List<Posted> on(String sha) {
        return posted.stream().filter(p -> p.sha().equals(sha)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Matcher repos = REPOS.matcher(path);
            Matcher projects = PROJECTS.matcher(path);
            if (!exchange.getRequestMethod().equals("POST") || !(repos.matches() || projects.matches())) {
                answer(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            String provider = projects.matches() ? "gitlab" : repos.group(1).startsWith("github") ? "github" : "gitea";
            if (!authorized(provider, exchange)) {
                answer(exchange, 401, "{\"message\":\"Bad credentials\"}");
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(exchange.getRequestBody(), Map.class);
            String sha = projects.matches() ? projects.group(1) : repos.group(2);
            int code = provider.equals("gitlab") && sameState(sha, body) ? 400 : 201;
            posted.add(new Posted(provider, sha, body, code));
            answer(exchange, code, code == 400 ? "{\"message\":\"Cannot transition status via :" + body.get("state") + " from :"
                    + body.get("state") + "\"}" : JSON.writeValueAsString(body));
        }
    }

    /** GitHub: {@code Bearer} with its API version; GitLab: {@code PRIVATE-TOKEN}; Gitea: {@code token}. */
    private boolean authorized(String provider, HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        return switch (provider) {
            case "github" -> ("Bearer " + token).equals(headers.getFirst("Authorization"))
                    && "2022-11-28".equals(headers.getFirst("X-GitHub-Api-Version"))
                    && "application/vnd.github+json".equals(headers.getFirst("Accept"));
            case "gitlab" -> token.equals(headers.getFirst("PRIVATE-TOKEN"));
            default -> ("token " + token).equals(headers.getFirst("Authorization"));
        };
    }

    private synchronized boolean sameState(String sha, Map<String, Object> body) {
        String key = sha + " " + body.get("name");
        String state = String.valueOf(body.get("state"));
        return state.equals(gitlabStates.put(key, state));
    }

    private static void answer(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
