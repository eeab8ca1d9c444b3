package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.source.WebhookVerifier;
import io.mooring.testing.Await;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's webhook against real HTTP deliveries as GitHub, GitLab and Gitea send them: the agent polls
 * only once an hour here, so a change served within seconds was fetched because of a verified delivery.
 * Bad signatures, replays and oversize bodies are refused, and refused deliveries fetch nothing.
 */
class WebhookIT {
    private static final String SECRET = "webhook-secret-" + UUID.randomUUID();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private TenantFixture it;
    private TestAgent agent;
    private final WebhookVerifier signer = new WebhookVerifier(SECRET);

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        it = new TenantFixture(tmp);
        commit("1.0");
        Path secret = Files.writeString(tmp.resolve("webhook-secret"), SECRET + "\n");
        agent = new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), it.home,
                "interval: 1h\nhealthTimeout: 30s\nwebhooks: {secretFile: " + secret + ", maxBody: 64KiB}\n");
        // The page serves before the first pass is recorded: wait for the record too.
        Await.until(Duration.ofSeconds(60), this::passes, n -> n >= 1);
        assertThat(it.page("/")).isEqualTo("web 1.0");
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        it.close();
    }

    private void commit(String version) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        it.repo.write("components.yml", it.webComponents());
        it.repo.commit("web " + version);
    }

    private HttpResponse<String> deliver(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agent.url("/api/webhook")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] push() {
        return "{\"ref\":\"refs/heads/main\",\"after\":\"0000000000000000000000000000000000000000\"}".getBytes(StandardCharsets.UTF_8);
    }

    private int passes() {
        return agent.get("/api/passes?tenant=" + it.tenant)
                .split("\"status\"", -1).length - 1;
    }

    @Test
    void aVerifiedDeliveryFetchesAtOnceAndWhatIsAppliedComesFromGit() throws Exception {
        commit("1.1");
        byte[] body = push();
        HttpResponse<String> github = deliver(body, "X-GitHub-Event", "push", "X-GitHub-Delivery", "gh-1",
                "X-Hub-Signature-256", signer.signature(body));
        assertThat(github.statusCode()).as(github.body()).isEqualTo(202);
        Await.until(Duration.ofSeconds(30), () -> it.page("/"), "web 1.1"::equals);

        HttpResponse<String> replay = deliver(body, "X-GitHub-Delivery", "gh-1", "X-Hub-Signature-256", signer.signature(body));
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("was received before");

        commit("2.0");
        HttpResponse<String> gitlab = deliver(body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET, "Idempotency-Key", "gl-1");
        assertThat(gitlab.statusCode()).as(gitlab.body()).isEqualTo(202);
        Await.until(Duration.ofSeconds(30), () -> it.page("/"), "web 2.0"::equals);

        commit("1.0");
        HttpResponse<String> gitea = deliver(body, "X-Gitea-Delivery", "gt-1",
                "X-Gitea-Signature", signer.signature(body).substring("sha256=".length()));
        assertThat(gitea.statusCode()).as(gitea.body()).isEqualTo(202);
        Await.until(Duration.ofSeconds(30), () -> it.page("/"), "web 1.0"::equals);
    }

    @Test
    void badSignaturesReplaysAndOversizeBodiesAreRefusedAndFetchNothing() throws Exception {
        commit("1.1");
        int before = passes();
        byte[] body = push();
        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(deliver(body, "X-GitHub-Delivery", "bad-1", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)));
        refused.add(deliver(body, "X-GitHub-Delivery", "bad-2", "X-Hub-Signature-256", new WebhookVerifier("another-secret-x").signature(body)));
        refused.add(deliver(body, "X-Gitlab-Token", "not-the-secret", "Idempotency-Key", "bad-3"));
        refused.add(deliver(body));
        refused.add(deliver(body, "X-Hub-Signature-256", signer.signature(body)));
        byte[] huge = new byte[65 * 1024];
        refused.add(deliver(huge, "X-GitHub-Delivery", "big-1", "X-Hub-Signature-256", signer.signature(huge)));
        assertThat(refused).extracting(HttpResponse::statusCode).containsExactly(401, 401, 401, 401, 400, 413);
        assertThat(refused).allSatisfy(r -> assertThat(r.body()).doesNotContain(SECRET));

        Thread.sleep(2_000); // a fetch started by any of them would have made a pass by now
        assertThat(passes()).as("no refused delivery started a pass").isEqualTo(before);
        assertThat(it.page("/")).isEqualTo("web 1.0");
    }
}
