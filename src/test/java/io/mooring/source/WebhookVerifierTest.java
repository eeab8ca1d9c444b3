package io.mooring.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    private final WebhookVerifier verifier = new WebhookVerifier("s3cret-for-hooks");

    private static java.util.function.Function<String, String> headers(String... pairs) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map::get;
    }

    @Test
    void matchesGitHubsOwnTestVector() throws Exception {
        // From GitHub's documentation of X-Hub-Signature-256.
        WebhookVerifier github = new WebhookVerifier("It's a Secret to Everybody");
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        assertThat(github.signature(body)).isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        assertThat(github.verify(headers("X-Hub-Signature-256", github.signature(body), "X-GitHub-Delivery", "d-1"), body))
                .isEqualTo(new WebhookVerifier.Delivery("github", "d-1"));
    }

    @Test
    void acceptsEachHostsWayOfSigning() throws Exception {
        String hex = verifier.signature(BODY).substring("sha256=".length());
        assertThat(verifier.verify(headers("X-Gitea-Signature", hex, "X-Gitea-Delivery", "g-1"), BODY).provider()).isEqualTo("gitea");
        assertThat(verifier.verify(headers("X-Gitlab-Token", "s3cret-for-hooks", "Idempotency-Key", "l-1"), BODY))
                .isEqualTo(new WebhookVerifier.Delivery("gitlab", "l-1"));
        assertThat(verifier.verify(headers("X-Gitlab-Token", "s3cret-for-hooks", "X-Gitlab-Event-UUID", "l-2"), BODY).id()).isEqualTo("l-2");
        assertThat(verifier.verify(headers("X-Mooring-Signature", verifier.signature(BODY), "X-Mooring-Delivery", "m-1"), BODY).provider())
                .isEqualTo("generic");
    }

    @Test
    void refusesABadSignatureAnotherBodyAMissingOneOrAMissingDeliveryId() {
        String good = verifier.signature(BODY);
        assertRefused(headers("X-Hub-Signature-256", good, "X-GitHub-Delivery", "d"), "tampered".getBytes(StandardCharsets.UTF_8), 401,
                "X-Hub-Signature-256 does not match");
        assertRefused(headers("X-Hub-Signature-256", "sha256=" + "0".repeat(64), "X-GitHub-Delivery", "d"), BODY, 401, "does not match");
        assertRefused(headers("X-Gitlab-Token", "s3cret-for-hook", "Idempotency-Key", "k"), BODY, 401, "X-Gitlab-Token does not match");
        assertRefused(headers(), BODY, 401, "no signature");
        assertRefused(headers("X-Hub-Signature-256", good), BODY, 400, "no delivery id (X-GitHub-Delivery)");
    }

    private void assertRefused(java.util.function.Function<String, String> headers, byte[] body, int status, String message) {
        assertThatThrownBy(() -> verifier.verify(headers, body)).isInstanceOfSatisfying(WebhookVerifier.Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(status)).hasMessageContaining(message);
    }
}
