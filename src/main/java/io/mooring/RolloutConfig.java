package io.mooring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.mooring.model.RegistryCredentials;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.SignaturePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The agent's {@code rollout:} block: how changes reach the engine. Every setting has a default, so the
 * block may be left out.
 */
public class RolloutConfig {
    /** How many independent components of a tenant roll out at once. */
    @Min(1)
    @Max(32)
    @JsonProperty
    public int parallelism = 4;

    /** Free space the engine's disk must keep before anything is pulled; below it, nothing is stopped. */
    @NotNull
    @JsonProperty
    public DataSize minFreeDisk = DataSize.gibibytes(1);

    /** How long a tag's registry digest is trusted before the registry is asked again ("digest moved"). */
    @NotNull
    @JsonProperty
    public Duration registryCheckInterval = Duration.minutes(5);

    /** How often every tenant is observed even when the engine reported no event for it. */
    @NotNull
    @JsonProperty
    public Duration resyncInterval = Duration.minutes(10);

    /** Credentials for private registries, by registry host. */
    @Valid
    @NotNull
    @JsonProperty
    public List<Registry> registries = List.of();

    public static class Registry {
        @NotEmpty
        @JsonProperty
        public String registry;

        @NotEmpty
        @JsonProperty
        public String username;

        @NotEmpty
        @JsonProperty
        public String password;

        @Override
        public String toString() {
            return "Registry[" + registry + ", user " + username + ", password ****]";
        }
    }

    public List<RegistryCredentials> credentials() {
        return registries.stream().map(r -> new RegistryCredentials(r.registry, r.username, r.password)).toList();
    }

    /** With the agent's top-level {@code healthTimeout}: how long a new container has to become healthy. */
    public Reconciler.Settings settings(GuardrailsConfig guardrails, Duration healthTimeout, SignaturePolicy signatures) {
        return new Reconciler.Settings(guardrails.toModel(), healthTimeout.toJavaDuration(), parallelism, minFreeDisk.toBytes(),
                registryCheckInterval.toJavaDuration(), signatures);
    }
}
