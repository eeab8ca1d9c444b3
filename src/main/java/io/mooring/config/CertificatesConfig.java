package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The agent's {@code certificates:} block: how long the self-signed certificates it makes for tenants with
 * {@code certs: selfsigned} live; each is renewed at two thirds of its lifetime.
 */
public class CertificatesConfig {
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration lifetime = Duration.days(90);

    public Duration getLifetime() {
        return lifetime;
    }
}
