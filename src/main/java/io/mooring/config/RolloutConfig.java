package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.mooring.model.RegistryCredentials;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's {@code rollout:} block: how changes reach the engine. Every setting has a default, so the
 * block may be left out.
 */
public class RolloutConfig {
    /** How many independent components of a tenant roll out at once. */
    @Min(1)
    @Max(32)
    @JsonProperty
    private int parallelism = 4;

    /** Free space the engine's disk must keep before anything is pulled; below it, nothing is stopped. */
    @NotNull
    @JsonProperty
    private DataSize minFreeDisk = DataSize.gibibytes(1);

    /** How long a tag's registry digest is trusted before the registry is asked again; 0 asks on every pass. */
    @NotNull
    @MinDuration(0)
    @JsonProperty
    private Duration registryCheckInterval = Duration.minutes(5);

    /** How often every tenant is observed even when the engine reported no event for it. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration resyncInterval = Duration.minutes(10);

    /** How many tenants' passes run at once: one slow tenant does not hold up the others. */
    @Min(1)
    @Max(32)
    @JsonProperty
    private int tenantParallelism = 4;

    /** The longest a tenant's hook may run, whatever its {@code timeout}: a commit cannot hold the agent longer. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration maxHookTimeout = Duration.minutes(30);

    /** How long a round waits for one tenant's pass; then it records the pass given up (INTERNAL) and goes on. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration passTimeout = Duration.hours(1);

    /** How long one image pull may take before it is given up: a registry that never answers would hold the pass. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration pullTimeout = Duration.minutes(10);

    /** Credentials for private registries, by registry host. */
    @Valid
    @NotNull
    @JsonProperty
    private List<Registry> registries = List.of();

    public int getParallelism() {
        return parallelism;
    }

    public DataSize getMinFreeDisk() {
        return minFreeDisk;
    }

    public Duration getRegistryCheckInterval() {
        return registryCheckInterval;
    }

    public Duration getResyncInterval() {
        return resyncInterval;
    }

    public int getTenantParallelism() {
        return tenantParallelism;
    }

    public Duration getMaxHookTimeout() {
        return maxHookTimeout;
    }

    public Duration getPassTimeout() {
        return passTimeout;
    }

    public Duration getPullTimeout() {
        return pullTimeout;
    }

    public List<Registry> getRegistries() {
        return registries;
    }

    /** One registry's login; the password is in a file, like every other secret of the agent. */
    public static class Registry {
        @NotEmpty
        @JsonProperty
        private String registry;

        @NotEmpty
        @JsonProperty
        private String username;

        /** The registry chose the password's length: any non-empty one is taken. */
        @NotEmpty
        @ReadableSecret(minLength = 1)
        @JsonProperty
        private String passwordFile;

        public String getRegistry() {
            return registry;
        }

        public String getUsername() {
            return username;
        }

        public String getPasswordFile() {
            return passwordFile;
        }

        @Override
        public String toString() {
            return "Registry[" + registry + ", user " + username + ", passwordFile " + passwordFile + "]";
        }
    }

    /** The registries' logins, their passwords read from their files (checked when the configuration was loaded). */
    public List<RegistryCredentials> credentials() {
        return registries.stream().map(r -> new RegistryCredentials(r.registry, r.username,
                SecretFile.read("rollout.registries[].passwordFile", r.passwordFile).orElseThrow())).toList();
    }
}
