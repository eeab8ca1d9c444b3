package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent's {@code acme:} block: the ACME CA (Let's Encrypt, its staging, a private CA) that issues the certificates of
 * tenants with {@code certs: acme} (or {@code certbot}, as the deploy tool calls it). Off without {@code directory}. The
 * challenge is answered by a server of the agent's own, listening on {@code httpPort} (http-01) or {@code tlsPort}
 * (tls-alpn-01) of every address only while an order is open; {@code timeout} bounds each wait on the CA.
 */
@AcmeChecks
public class AcmeConfig {
    public static final String HTTP_01 = "http-01";
    public static final String TLS_ALPN_01 = "tls-alpn-01";

    /** The CA's directory URL ({@code https://acme-v02.api.letsencrypt.org/directory}); none: no ACME client. */
    @JsonProperty
    private String directory;

    /** The account's contact address, where the CA sends expiry warnings; optional. */
    @JsonProperty
    private String email;

    /** A PEM file of the CAs to trust for the directory's HTTPS instead of the JDK's (a private CA); optional. */
    @JsonProperty
    private String trustFile;

    @NotNull
    @Pattern(regexp = HTTP_01 + "|" + TLS_ALPN_01, message = "must be " + HTTP_01 + " or " + TLS_ALPN_01)
    @JsonProperty
    private String challenge = HTTP_01;

    /** Where the CA fetches http-01 tokens: port 80 of the tenant's fqdn, unless a proxy forwards another one. */
    @Min(1)
    @Max(65535)
    @JsonProperty
    private int httpPort = 80;

    /** Where the CA connects for tls-alpn-01: port 443 of the tenant's fqdn, unless a proxy forwards another one. */
    @Min(1)
    @Max(65535)
    @JsonProperty
    private int tlsPort = 443;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration timeout = Duration.seconds(90);

    /** Whether the block is on: a directory is set. */
    public boolean enabled() {
        return directory != null && !directory.isBlank();
    }

    public String getDirectory() {
        return directory;
    }

    public Optional<String> getEmail() {
        return Optional.ofNullable(email).filter(e -> !e.isBlank()).map(String::strip);
    }

    public Optional<Path> getTrustFile() {
        return Optional.ofNullable(trustFile).filter(f -> !f.isBlank()).map(Path::of);
    }

    public String getChallenge() {
        return challenge;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public int getTlsPort() {
        return tlsPort;
    }

    /** The port the agent's challenge server listens on: {@code httpPort} for http-01, {@code tlsPort} for tls-alpn-01. */
    public int challengePort() {
        return TLS_ALPN_01.equals(challenge) ? tlsPort : httpPort;
    }

    public Duration getTimeout() {
        return timeout;
    }
}
