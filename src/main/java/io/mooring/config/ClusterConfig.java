package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The agent's {@code cluster:} block: how often it reports itself to the shared state database, and the timings of the
 * leadership of singleton jobs (a lease renewed before it runs out, taken over by another agent once it has).
 * The defaults follow Flux's leader election: a lease of 35 s, renewed within 30 s, tried again every 5 s.
 */
public class ClusterConfig {
    /** How often this agent writes its heartbeat; a node is down after three missed ones. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration heartbeatInterval = Duration.seconds(10);

    /** How long a leader's lease lasts without renewal before another agent may take it over. */
    @NotNull
    @MinDuration(value = 2, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration leaseDuration = Duration.seconds(35);

    /** How long the leader keeps trying to renew before it gives leadership up; shorter than the lease. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration renewDeadline = Duration.seconds(30);

    /** How often an agent that does not lead tries to take the lease, and how often the leader renews it. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration retryPeriod = Duration.seconds(5);

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public Duration getRenewDeadline() {
        return renewDeadline;
    }

    public Duration getRetryPeriod() {
        return retryPeriod;
    }

    @ValidationMethod(message = "cluster: retryPeriod must be shorter than renewDeadline, and renewDeadline shorter than leaseDuration")
    public boolean isLeaseOrdered() {
        return retryPeriod.toMilliseconds() < renewDeadline.toMilliseconds()
                && renewDeadline.toMilliseconds() < leaseDuration.toMilliseconds();
    }
}
