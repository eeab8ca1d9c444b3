package io.mooring.metrics;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.AgentEvents;
import io.mooring.model.BackupEvent;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's events as Prometheus series: each recorded pass (its status, duration, actions, and whether it was
 * rolled back), each fetch of the repository, each backup's end. Labels are the tenant and the words of the protocol's
 * enums only, never a revision or a message, so that their sets stay as small as the fleet. It returns at once and
 * never throws, as {@link AgentEvents} asks.
 */
public final class AgentMetrics implements AgentEvents {
    private static final double[] PASS_SECONDS = {0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};
    private static final double[] FETCH_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] BACKUP_SECONDS = {1, 5, 10, 30, 60, 300, 900, 1800, 3600};

    private final Counter passes;
    private final Histogram passDuration;
    private final Gauge converged;
    private final Gauge failing;
    private final Gauge lastPass;
    private final Counter actions;
    private final Counter rollbacks;
    private final Histogram fetchDuration;
    private final Counter fetchErrors;
    private final Gauge backupLastSuccess;
    private final Histogram backupDuration;
    private final Gauge backupBytes;
    private final Counter backupFailures;

    /** The series, registered in {@code registry}. */
    public AgentMetrics(PrometheusRegistry registry) {
        passes = Counter.builder().name("mooring_passes_total").help("Recorded reconcile passes, by tenant and how they ended")
                .labelNames("tenant", "status").register(registry);
        passDuration = Histogram.builder().name("mooring_pass_duration_seconds").help("How long a tenant's reconcile pass took")
                .classicOnly().classicUpperBounds(PASS_SECONDS).register(registry);
        converged = Gauge.builder().name("mooring_tenant_converged")
                .help("1 when the tenant's last recorded pass converged, 0 when it ended otherwise").labelNames("tenant").register(registry);
        failing = Gauge.builder().name("mooring_tenant_failing")
                .help("1 when the tenant's last recorded pass failed (failed, internal, invalid, refused, unavailable) or is held")
                .labelNames("tenant").register(registry);
        lastPass = Gauge.builder().name("mooring_tenant_last_pass_timestamp_seconds")
                .help("When the tenant's last recorded pass ended, in seconds since the epoch").labelNames("tenant").register(registry);
        actions = Counter.builder().name("mooring_actions_total").help("Actions of recorded passes, by tenant, verb and outcome")
                .labelNames("tenant", "action", "outcome").register(registry);
        rollbacks = Counter.builder().name("mooring_rollbacks_total")
                .help("Failed passes whose replace or create failed, after which what ran before was put back").labelNames("tenant")
                .register(registry);
        fetchDuration = Histogram.builder().name("mooring_git_fetch_duration_seconds").help("How long a fetch of the repository took")
                .classicOnly().classicUpperBounds(FETCH_SECONDS).register(registry);
        fetchErrors = Counter.builder().name("mooring_git_fetch_errors_total").help("Fetches of the repository that failed")
                .register(registry);
        backupLastSuccess = Gauge.builder().name("mooring_backup_last_success_timestamp_seconds")
                .help("When the tenant's last backup made since the agent started ended, in seconds since the epoch")
                .labelNames("tenant").register(registry);
        backupDuration = Histogram.builder().name("mooring_backup_duration_seconds").help("How long a backup took, made or failed")
                .classicOnly().classicUpperBounds(BACKUP_SECONDS).register(registry);
        backupBytes = Gauge.builder().name("mooring_backup_bytes").help("The size of the tenant's last backup made, as stored")
                .labelNames("tenant").register(registry);
        backupFailures = Counter.builder().name("mooring_backup_failures_total").help("Backups of the tenant that failed")
                .labelNames("tenant").register(registry);
    }

    @Override
    public void passEnded(PassRecord pass) {
        String tenant = pass.tenant();
        passes.labelValues(tenant, pass.status().name()).inc();
        passDuration.observe(seconds(Duration.between(pass.started(), pass.finished())));
        converged.labelValues(tenant).set(pass.status() == PassStatus.CONVERGED ? 1 : 0);
        failing.labelValues(tenant).set(PassStatus.FAILURES.contains(pass.status()) || pass.status() == PassStatus.HELD ? 1 : 0);
        lastPass.labelValues(tenant).set(epochSeconds(pass.finished()));
        for (ActionRecord action : pass.actions()) {
            actions.labelValues(tenant, action.verb().word(), action.outcome().name()).inc();
        }
        rollbacks.labelValues(tenant).inc(rolledBack(pass) ? 1 : 0);
    }

    /** A failed pass whose replace, update (a Swarm service's) or create failed: what ran before it was put back. */
    static boolean rolledBack(PassRecord pass) {
        return pass.status() == PassStatus.FAILED && pass.actions().stream().anyMatch(a -> a.outcome() == ActionOutcome.FAILED
                && (a.verb() == ActionVerb.REPLACE || a.verb() == ActionVerb.UPDATE || a.verb() == ActionVerb.CREATE));
    }

    @Override
    public void fetched(Duration took, Optional<String> error) {
        fetchDuration.observe(seconds(took));
        fetchErrors.inc(error.isPresent() ? 1 : 0);
    }

    @Override
    public void backupEnded(BackupEvent backup) {
        String tenant = backup.tenant();
        backupDuration.observe(seconds(backup.took()));
        backupFailures.labelValues(tenant).inc(backup.succeeded() ? 0 : 1);
        if (backup.succeeded()) {
            backupLastSuccess.labelValues(tenant).set(epochSeconds(backup.at()));
            backupBytes.labelValues(tenant).set(backup.bytes());
        }
    }

    private static double seconds(Duration took) {
        return Math.max(0, took.toNanos() / 1e9);
    }

    static double epochSeconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }
}
