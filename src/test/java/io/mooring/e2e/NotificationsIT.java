package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testing.AgentProcess;
import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.NotificationSink;
import io.mooring.testing.TenantFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process tells its notification targets (a signed webhook, Slack, Discord, Teams, ntfy, Gotify, email) once
 * when a tenant's rollout crashes and rolls back and once when a fix recovers it, however many rounds pass between;
 * a target answering 500 and one on a closed port delay nothing: the rollout converges and the others get theirs.
 */
class NotificationsIT {
    private static final String SECRET = "the-webhook-secret-of-this-test";
    private static final String DISCORD_TOKEN = "discord-token-in-its-url-file";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TARGETS = List.of("webhook", "slack", "discord", "teams", "ntfy", "gotify/message");
    private TenantFixture it;
    private NotificationSink sink;
    private AgentProcess agent;
    private Path tmp;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        it = new TenantFixture(tmp);
        sink = new NotificationSink(SECRET);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        sink.close();
        it.close();
    }

    private String commit(String version) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        it.repo.write("components.yml", it.webComponents());
        return it.repo.commit("web " + version).substring(0, 8);
    }

    private String settings() throws Exception {
        Path secret = Files.writeString(tmp.resolve("webhook-secret"), SECRET + "\n");
        Path discord = Files.writeString(tmp.resolve("discord-url"), sink.url("discord/" + DISCORD_TOKEN) + "\n");
        Path ntfy = Files.writeString(tmp.resolve("ntfy-token"), "tk_ntfy\n");
        Path gotify = Files.writeString(tmp.resolve("gotify-token"), "AGotifyAppToken\n");
        return """
                interval: 1s
                healthTimeout: 15s
                notifications:
                  checkInterval: 1s
                  pageUrl: https://status.example.com/mooring
                  targets:
                    - {type: webhook, url: "%s", secretFile: %s}
                    - {type: slack, url: "%s"}
                    - {type: discord, urlFile: %s}
                    - {type: teams, url: "%s"}
                    - {type: ntfy, url: "%s", secretFile: %s}
                    - {type: gotify, url: "%s", secretFile: %s}
                    - {type: email, host: 127.0.0.1, port: %d, tls: none, from: mooring@example.com, to: [ops@example.com]}
                    - {type: webhook, url: "%s"}
                    - {type: slack, url: "http://127.0.0.1:%d/closed"}
                """.formatted(sink.url("webhook"), secret, sink.url("slack"), discord, sink.url("teams"), sink.url("ntfy"), ntfy,
                sink.url("gotify"), gotify, sink.smtpPort(), sink.url("failing"), Http.freePort());
    }

    /** The names each HTTP target got (the webhook's event field, the others' first line's start), and the mail subjects. */
    private List<String> told(String path) {
        Function<NotificationSink.Received, String> name = path.equals("webhook") ? r -> event(r.body())
                : path.equals("ntfy") ? r -> r.headers().get("title") : r -> r.body();
        return sink.received(path).stream().map(name).toList();
    }

    private static String event(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.get("event").asText() + (json.has("recovered") ? " " + json.get("recovered").asText() : "");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every target (and the mailbox) has {@code count} notifications. */
    private void awaitEach(int count) {
        for (String path : TARGETS) {
            Await.until(Duration.ofSeconds(60), () -> sink.received(path).size(), n -> n >= count);
        }
        Await.until(Duration.ofSeconds(60), () -> sink.subjects().size(), n -> n >= count);
    }

    /** Waits for two more rounds of the loop: the fetch time the API shows changes twice. */
    private void awaitTwoRounds() {
        for (int round = 0; round < 2; round++) {
            String before = fetchedAt();
            Await.until(Duration.ofSeconds(30), this::fetchedAt, at -> !at.equals(before));
        }
    }

    private String fetchedAt() {
        try {
            return JSON.readTree(agent.get("/api/tenants")).findValue("fetched").get("at").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRollbackAndItsFixAreToldOnceEachToEveryTargetAndABrokenTargetDelaysNothing() throws Exception {
        commit("1.0");
        agent = AgentProcess.start(tmp.resolve("agent.yml"), it.repo.dir().toString(), "node-a", it.home, settings());
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);

        String crash = commit("crash");
        awaitEach(1);
        String fix = commit("2.0");
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 2.0"::equals);
        awaitEach(2);
        assertThat(told("webhook")).containsExactly("rolled-back", "recovered rolled-back");
        assertThat(told("ntfy")).containsExactly("rolled back: " + it.tenant + " on node-a at " + crash,
                "recovered (was: rolled back): " + it.tenant + " on node-a at " + fix);
        for (String path : List.of("slack", "discord", "teams", "gotify/message")) {
            assertThat(told(path)).as(path).hasSize(2);
            assertThat(told(path).get(0)).as(path).contains("rolled back: " + it.tenant).contains("exited with code 3");
            assertThat(told(path).get(1)).as(path).contains("recovered (was: rolled back): " + it.tenant);
        }
        assertThat(sink.subjects()).containsExactly("[mooring] rolled back: " + it.tenant + " on node-a at " + crash,
                "[mooring] recovered (was: rolled back): " + it.tenant + " on node-a at " + fix);
        assertThat(sink.badSignatures()).isEmpty();
        assertThat(sink.received("ntfy").get(0).headers()).containsEntry("authorization", "Bearer tk_ntfy");
        assertThat(sink.received("gotify/message").get(0).headers()).containsEntry("x-gotify-key", "AGotifyAppToken");
        assertThat(sink.received("failing")).as("the failing target was tried").isNotEmpty();

        // Fail, fix, fail: one message per change of state, none for the rounds that find it as it was.
        commit("crash");
        awaitEach(3);
        awaitTwoRounds();
        assertThat(told("webhook")).containsExactly("rolled-back", "recovered rolled-back", "rolled-back");
        assertThat(sink.subjects()).hasSize(3);
        commit("1.0");
        awaitEach(4);
        assertThat(told("webhook")).containsExactly("rolled-back", "recovered rolled-back", "rolled-back", "recovered rolled-back");
        for (String path : TARGETS) {
            assertThat(sink.received(path)).as(path).hasSize(4);
        }

        String log = Files.readString(tmp.resolve("agent.log"));
        assertThat(log).contains("notifications.targets[7] (webhook, " + sink.url("").replaceAll("/$", "") + "/...): could not send")
                .doesNotContain(DISCORD_TOKEN).doesNotContain(SECRET);
    }
}
