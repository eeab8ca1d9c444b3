package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent's {@code notifications:} block: the {@code targets} told when a tenant's pass fails, rolls back, is refused
 * or drifts, a backup fails, a certificate nears its end, a node is down or the loop stalls, and when each recovers;
 * {@code pageUrl}, a status page linked from each message; {@code certificateWarning}, how long before its end a
 * certificate is told as expiring; {@code checkInterval}, how often certificates, nodes and the loop are looked at.
 */
@NotificationChecks
public class NotificationsConfig {
    /** The event names a target's {@code events:} may list. */
    public static final List<String> EVENTS = List.of("pass-failed", "rolled-back", "refused", "drift", "backup-failed",
            "backup-succeeded", "certificate-expiring", "node-down", "loop-stalled");
    public static final List<String> TYPES = List.of("webhook", "slack", "discord", "teams", "ntfy", "gotify", "email");

    @Valid
    @NotNull
    @JsonProperty
    private List<NotificationTarget> targets = List.of();

    @JsonProperty
    private String pageUrl;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.HOURS)
    @JsonProperty
    private Duration certificateWarning = Duration.days(14);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration checkInterval = Duration.seconds(30);

    public List<NotificationTarget> getTargets() {
        return targets;
    }

    public Optional<String> getPageUrl() {
        return Optional.ofNullable(pageUrl).filter(p -> !p.isBlank());
    }

    public Duration getCertificateWarning() {
        return certificateWarning;
    }

    public Duration getCheckInterval() {
        return checkInterval;
    }
}
