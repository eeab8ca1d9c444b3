package io.mooring.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.source.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each HTTP target type's POST, the webhook's signature as Mooring's own webhook check reads it, and logs without secrets. */
class PayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "a-webhook-secret-of-some-length";
    private static final Optional<String> PAGE = Optional.of("https://status.example.com/");
    private final Notice broke = new Notice(Event.ROLLED_BACK, false, "shop", "node-a", "0123456789abcdef", "FAILED",
            "web exited with code 3; rolled back to shop-web", Instant.parse("2026-12-01T05:00:00Z"));
    private final Notice fixed = broke.recovery("fedcba9876543210", "CONVERGED", "", Instant.parse("2026-12-01T05:10:00Z"));

    private static Target target(String type, String url, Optional<String> secret) {
        return new Target(3, type, Optional.of(url), false, secret, Set.of(), Set.of(), Optional.empty());
    }

    private static JsonNode body(Payloads.Post post) throws Exception {
        return JSON.readTree(post.body());
    }

    @Test
    void theWebhookGetsTheNoticeAsJsonSignedAsGitHubSignsItsDeliveries() throws Exception {
        Payloads.Post post = Payloads.of(target("webhook", "https://hooks.example.com/in", Optional.of(SECRET)), fixed, PAGE);
        JsonNode json = body(post);
        assertThat(json.get("event").asText()).isEqualTo("recovered");
        assertThat(json.get("recovered").asText()).isEqualTo("rolled-back");
        assertThat(json.get("tenant").asText()).isEqualTo("shop");
        assertThat(json.get("revision").asText()).isEqualTo("fedcba9876543210");
        assertThat(json.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(json.get("at").asText()).isEqualTo("2026-12-01T05:10:00Z");
        assertThat(body(Payloads.of(target("webhook", "https://h.example.com/", Optional.empty()), broke, PAGE)).has("recovered")).isFalse();
        assertThat(post.headers().get("X-Mooring-Signature")).startsWith("sha256=").hasSize(71);
        WebhookVerifier.Delivery delivery = new WebhookVerifier(SECRET).verify(post.headers()::get, post.body().getBytes(StandardCharsets.UTF_8));
        assertThat(delivery.toString()).contains("generic");
        assertThatThrownBy(() -> new WebhookVerifier("another-secret-entirely").verify(post.headers()::get,
                post.body().getBytes(StandardCharsets.UTF_8))).isInstanceOf(WebhookVerifier.Refused.class);
        assertThat(Signature.of("key", "The quick brown fox jumps over the lazy dog"))
                .as("RFC 4231-style known answer").isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void whatATenantWroteIsTextNotMarkupOnSlackAndDiscord() throws Exception {
        Notice hostile = new Notice(Event.PASS_FAILED, false, "shop", "node-a", "0123456789abcdef", "FAILED",
                "hook said <!channel> see <https://evil.example|the fix> & @everyone", Instant.parse("2026-12-01T05:00:00Z"));
        JsonNode slack = body(Payloads.of(target("slack", "https://hooks.slack.com/services/T/B/X", Optional.empty()), hostile, PAGE));
        assertThat(slack.get("text").asText()).contains("&lt;!channel&gt; see &lt;https://evil.example|the fix&gt; &amp; @everyone")
                .doesNotContain("<!channel>");
        JsonNode discord = body(Payloads.of(target("discord", "https://discord.com/api/webhooks/1/x", Optional.empty()), hostile, PAGE));
        assertThat(discord.get("allowed_mentions").get("parse")).as("no @everyone, @here, role or user mention pings").isEmpty();
    }

    @Test
    void slackDiscordAndTeamsGetTheirOwnShapes() throws Exception {
        JsonNode slack = body(Payloads.of(target("slack", "https://hooks.slack.com/services/T/B/X", Optional.empty()), broke, PAGE));
        assertThat(slack.get("text").asText()).startsWith("rolled back: shop on node-a at 01234567\nweb exited with code 3")
                .endsWith("https://status.example.com/");
        JsonNode discord = body(Payloads.of(target("discord", "https://discord.com/api/webhooks/1/x", Optional.empty()), broke, PAGE));
        assertThat(discord.get("content").asText()).isEqualTo(slack.get("text").asText());
        JsonNode teams = body(Payloads.of(target("teams", "https://example.webhook.office.com/x", Optional.empty()), fixed, PAGE));
        assertThat(teams.get("type").asText()).isEqualTo("message");
        JsonNode card = teams.get("attachments").get(0);
        assertThat(card.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.get("content").get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("content").get("body").get(0).get("text").asText()).isEqualTo("recovered (was: rolled back): shop on node-a at fedcba98");
        assertThat(card.get("content").get("actions").get(0).get("url").asText()).isEqualTo(PAGE.get());
    }

    @Test
    void ntfyGetsTheTextWithHeadersAndGotifyJsonWithItsToken() throws Exception {
        Payloads.Post ntfy = Payloads.of(target("ntfy", "https://ntfy.example.com/mooring", Optional.of("tk_token")), broke, PAGE);
        assertThat(ntfy.uri()).hasToString("https://ntfy.example.com/mooring");
        assertThat(ntfy.body()).isEqualTo("web exited with code 3; rolled back to shop-web");
        assertThat(ntfy.headers()).containsEntry("Title", "rolled back: shop on node-a at 01234567").containsEntry("Priority", "high")
                .containsEntry("Tags", "warning").containsEntry("Authorization", "Bearer tk_token").containsEntry("Click", PAGE.get());
        assertThat(Payloads.of(target("ntfy", "https://ntfy.example.com/m", Optional.empty()), fixed, Optional.empty()).headers())
                .containsEntry("Priority", "default").containsEntry("Tags", "white_check_mark").doesNotContainKey("Authorization");

        Payloads.Post gotify = Payloads.of(target("gotify", "https://gotify.example.com/", Optional.of("AppToken")), broke, Optional.empty());
        assertThat(gotify.uri()).hasToString("https://gotify.example.com/message");
        assertThat(gotify.headers()).containsEntry("X-Gotify-Key", "AppToken");
        JsonNode json = JSON.readTree(gotify.body());
        assertThat(json.get("title").asText()).isEqualTo("rolled back: shop on node-a at 01234567");
        assertThat(json.get("message").asText()).isEqualTo("web exited with code 3; rolled back to shop-web");
        assertThat(json.get("priority").asInt()).isEqualTo(8);
    }

    @Test
    void aTargetIsDescribedWithoutItsSecretUrl() {
        Target inline = target("slack", "https://hooks.slack.com/services/T000/B000/XXXXSECRET?x=1", Optional.of("s3cr3t"));
        assertThat(inline.describe()).isEqualTo("notifications.targets[3] (slack, https://hooks.slack.com/...)");
        Target fromFile = new Target(0, "discord", Optional.of("https://discord.com/api/webhooks/1/TOKEN"), true, Optional.empty(),
                Set.of(), Set.of(), Optional.empty());
        assertThat(fromFile.describe()).doesNotContain("discord.com").doesNotContain("TOKEN").contains("URL from its urlFile");
        assertThat(fromFile.toString()).doesNotContain("TOKEN");
    }
}
