package io.mooring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.mooring.source.WebhookVerifier;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The agent's {@code webhooks:} block. With a secret file, {@code POST /api/webhook} takes deliveries signed
 * with that secret (GitHub, GitLab, Gitea, or sha256 HMAC under X-Mooring-Signature) and fetches at once;
 * without one, every delivery is refused and the agent only polls.
 */
public class WebhooksConfig {
    /** The shared secret, in a file readable by the agent only. */
    @JsonProperty
    public String secretFile;

    /** The largest body taken; larger deliveries are refused before they are read. */
    @NotNull
    @JsonProperty
    public DataSize maxBody = DataSize.mebibytes(1);

    /** The verifier for the configured secret; empty without one. A file that cannot be read stops the start. */
    public Optional<WebhookVerifier> verifier() {
        return SecretFile.read("webhooks.secretFile", secretFile).map(WebhookVerifier::new);
    }
}
