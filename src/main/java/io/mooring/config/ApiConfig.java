package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The agent's {@code api:} block. Requests that change something (a retry, later a fetch) must carry
 * {@code Authorization: Bearer <token>}, the token being the content of {@code tokenFile}; without a
 * token file, such requests are refused. Reading the history needs no token.
 */
public class ApiConfig {
    /** A file holding the bearer token for the write API (keep it readable by the agent only). */
    @ReadableSecret
    @JsonProperty
    private String tokenFile;

    public String getTokenFile() {
        return tokenFile;
    }

    /** The token, read once at start; empty when the write API is off. */
    public Optional<String> token() {
        return SecretFile.read("api.tokenFile", tokenFile);
    }
}
