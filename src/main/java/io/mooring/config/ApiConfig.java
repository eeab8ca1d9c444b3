package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The agent's {@code api:} block. Requests must carry {@code Authorization: Bearer <token>}, the token being the
 * content of {@code tokenFile}; without a token file, they are refused. Reads (the passes, with hook output and log
 * tails, and the tenants) need the token too, unless {@code anonymousRead} says anyone who reaches the port may read.
 */
public class ApiConfig {
    /** A file holding the bearer token for the write API (keep it readable by the agent only). */
    @ReadableSecret
    @JsonProperty
    private String tokenFile;

    /** Lets reads of the API through without a token; off by default, since passes show hook output and log tails. */
    @JsonProperty
    private boolean anonymousRead;

    public boolean isAnonymousRead() {
        return anonymousRead;
    }

    public String getTokenFile() {
        return tokenFile;
    }

    /** The token, read once at start; empty when the write API is off. */
    public Optional<String> token() {
        return SecretFile.read("api.tokenFile", tokenFile);
    }
}
