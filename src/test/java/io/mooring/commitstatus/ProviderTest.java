package io.mooring.commitstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each provider's request as its documentation gives it: the address, the token's header, the state's name and the body. */
class ProviderTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final CommitStatus DONE = CommitStatus.of("shop", "node-a", SHA, StatusState.SUCCESS, "converged: 2 change(s) applied");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(StatusTarget target, CommitStatus status) throws Exception {
        return new ObjectMapper().readValue(target.body(status), Map.class);
    }

    @Test
    void github() throws Exception {
        StatusTarget target = new StatusTarget(Provider.GITHUB, "https://api.github.com/", "acme/fleet", "ghp_secret",
                Optional.of("https://mooring.example.com/tenants/{tenant}"));
        HttpRequest request = target.request(DONE, Duration.ofSeconds(5));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("https://api.github.com/repos/acme/fleet/statuses/" + SHA);
        assertThat(request.headers().firstValue("Authorization")).contains("Bearer ghp_secret");
        assertThat(request.headers().firstValue("Accept")).contains("application/vnd.github+json");
        assertThat(request.headers().firstValue("X-GitHub-Api-Version")).contains("2022-11-28");
        assertThat(json(target, DONE)).isEqualTo(Map.of("state", "success", "target_url", "https://mooring.example.com/tenants/shop",
                "description", "converged: 2 change(s) applied", "context", "mooring/shop@node-a"));
        assertThat(target).hasToString("github https://api.github.com acme/fleet");
    }

    @Test
    void gitlabEncodesTheProjectPathAndNamesTheContextName() throws Exception {
        StatusTarget target = new StatusTarget(Provider.GITLAB, "https://gitlab.example.com/api/v4", "acme/infra/fleet", "glpat-secret",
                Optional.empty());
        HttpRequest request = target.request(CommitStatus.of("shop", "node-a", SHA, StatusState.FAILURE, "failed: web"), Duration.ofSeconds(5));
        assertThat(request.uri()).hasToString("https://gitlab.example.com/api/v4/projects/acme%2Finfra%2Ffleet/statuses/" + SHA);
        assertThat(request.headers().firstValue("PRIVATE-TOKEN")).contains("glpat-secret");
        assertThat(request.headers().firstValue("Authorization")).isEmpty();
        assertThat(json(target, CommitStatus.of("shop", "node-a", SHA, StatusState.FAILURE, "failed: web")))
                .isEqualTo(Map.of("state", "failed", "description", "failed: web", "name", "mooring/shop@node-a"));
        assertThat(new StatusTarget(Provider.GITLAB, "https://gitlab.example.com/api/v4", "4211", "t", Optional.empty()).uri(DONE))
                .hasToString("https://gitlab.example.com/api/v4/projects/4211/statuses/" + SHA);
    }

    @Test
    void gitea() throws Exception {
        StatusTarget target = new StatusTarget(Provider.named("forgejo"), "https://git.example.com/api/v1", "acme/fleet", "gitea-secret",
                Optional.of("https://mooring.example.com/"));
        HttpRequest request = target.request(DONE, Duration.ofSeconds(5));
        assertThat(request.uri()).hasToString("https://git.example.com/api/v1/repos/acme/fleet/statuses/" + SHA);
        assertThat(request.headers().firstValue("Authorization")).contains("token gitea-secret");
        assertThat(json(target, DONE)).containsEntry("context", "mooring/shop@node-a").containsEntry("state", "success")
                .containsEntry("target_url", "https://mooring.example.com/");
    }

    @Test
    void eachStateAsEachHostNamesIt() {
        assertThat(StatusState.values()).extracting(Provider.GITHUB::state).containsExactly("pending", "pending", "success", "failure", "error");
        assertThat(StatusState.values()).extracting(Provider.GITEA::state).containsExactly("pending", "pending", "success", "failure", "error");
        assertThat(StatusState.values()).extracting(Provider.GITLAB::state).containsExactly("pending", "running", "success", "failed", "failed");
    }

    @Test
    void onlyGitlabsRefusalOfTheSameStateCountsAsDone() {
        String answer = "{\"message\":\"Cannot transition status via :run from :running (Reason(s): Status cannot transition via \\\"run\\\")\"}";
        assertThat(Provider.GITLAB.alreadyThere(400, answer)).isTrue();
        assertThat(Provider.GITLAB.alreadyThere(400, "{\"message\":\"400 Bad request - state is missing\"}")).isFalse();
        assertThat(Provider.GITHUB.alreadyThere(400, answer)).isFalse();
    }

    @Test
    void theTokenIsBlankedOutOfWhatTheHostAnswered() {
        StatusTarget target = new StatusTarget(Provider.GITHUB, "https://api.github.com", "acme/fleet", "ghp_secret", Optional.empty());
        assertThat(target.withoutToken("bad credentials ghp_secret")).isEqualTo("bad credentials ***");
    }
}
