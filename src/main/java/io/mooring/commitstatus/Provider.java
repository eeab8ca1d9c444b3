package io.mooring.commitstatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Git host's commit status API, as its documentation gives it: where a status is posted, how the token is sent, and
 * the JSON body. GitHub: {@code POST /repos/{owner}/{repo}/statuses/{sha}} with {@code state}, {@code target_url},
 * {@code description}, {@code context}. Gitea and Forgejo: the same path and body. GitLab:
 * {@code POST /projects/{id}/statuses/{sha}} with {@code state}, {@code name}, {@code target_url}, {@code description},
 * the project's path URL-encoded as its id.
 */
public enum Provider {
    GITHUB, GITLAB, GITEA;

    /** The provider of a configuration's {@code provider} (github, gitlab, gitea; forgejo is gitea). */
    public static Provider named(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.equals("forgejo") ? GITEA : valueOf(lower.toUpperCase(Locale.ROOT));
    }

    /** The path below the API's base URL where a status on {@code sha} of {@code repository} is posted. */
    public String path(String repository, String sha) {
        if (this == GITLAB) {
            return "/projects/" + URLEncoder.encode(repository, StandardCharsets.UTF_8) + "/statuses/" + sha;
        }
        int slash = repository.indexOf('/');
        return "/repos/" + segment(repository.substring(0, slash)) + "/" + segment(repository.substring(slash + 1)) + "/statuses/" + sha;
    }

    /** The headers that carry {@code token}, and the ones the host asks for, as name and value pairs. */
    public List<String> headers(String token) {
        return switch (this) {
            case GITHUB -> List.of("Authorization", "Bearer " + token, "Accept", "application/vnd.github+json",
                    "X-GitHub-Api-Version", "2022-11-28");
            case GITLAB -> List.of("PRIVATE-TOKEN", token, "Accept", "application/json");
            case GITEA -> List.of("Authorization", "token " + token, "Accept", "application/json");
        };
    }

    /** The state as this host names it. */
    public String state(StatusState state) {
        return switch (state) {
            case PENDING -> "pending";
            case RUNNING -> this == GITLAB ? "running" : "pending";
            case SUCCESS -> "success";
            case FAILURE -> this == GITLAB ? "failed" : "failure";
            case ERROR -> this == GITLAB ? "failed" : "error";
        };
    }

    /** The JSON body's fields, in order; {@code target_url} only when there is one. */
    public Map<String, String> body(CommitStatus status, Optional<String> targetUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("state", state(status.state()));
        targetUrl.ifPresent(url -> body.put("target_url", url));
        body.put("description", status.description());
        body.put(this == GITLAB ? "name" : "context", status.context());
        return body;
    }

    /**
     * Whether the host's refusal means the status is already what was posted: GitLab answers 400 "Cannot transition
     * status via :run from :running" to a transition to the state a status is in.
     */
    public boolean alreadyThere(int code, String answer) {
        return this == GITLAB && code == 400 && answer.contains("Cannot transition status");
    }

    private static String segment(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
