package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The agent's {@code webhooks:} block. With a secret file, {@code POST /api/webhook} takes deliveries signed
 * with that secret (GitHub, GitLab, Gitea, or sha256 HMAC under X-Mooring-Signature) and fetches at once;
 * without one, every delivery is refused and the agent only polls.
 */
public class WebhooksConfig {
    /** The shared secret, in a file readable by the agent only. */
    @ReadableSecret
    @JsonProperty
    private String secretFile;

    /** The largest body taken; larger deliveries are refused before they are read (held in memory: at most 1 GiB). */
    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
    @JsonProperty
    private DataSize maxBody = DataSize.mebibytes(1);

    public String getSecretFile() {
        return secretFile;
    }

    public DataSize getMaxBody() {
        return maxBody;
    }

    /** The shared secret, read once at start; empty without a secret file (every delivery is then refused). */
    public Optional<String> secret() {
        return SecretFile.read("webhooks.secretFile", secretFile);
    }
}
