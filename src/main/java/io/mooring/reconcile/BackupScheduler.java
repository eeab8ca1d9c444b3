package io.mooring.reconcile;

import io.dropwizard.lifecycle.Managed;
import io.mooring.model.CronSchedule;
import io.mooring.model.Guardrails;
import io.mooring.model.TenantConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs the tenants of this node up on their own schedules ({@code x-mooring.backup.schedule}, a cron
 * expression), at the revision the reconcile passes last acted on for each (never one the signature policy refused), one
 * at a time, each followed by its retention.
 * A schedule's first run is its first time after the agent started.
 */
public final class BackupScheduler implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);
    private static final long TICK_SECONDS = 30;

    private final Supplier<Map<String, Reconciler.Accepted>> revisions;
    private final String node;
    private final List<String> tenants;
    private final TenantBackups backups;
    private final Guardrails guardrails;
    private final Clock clock;
    private final Instant started;
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public BackupScheduler(Supplier<Map<String, Reconciler.Accepted>> revisions, String node, List<String> tenants, TenantBackups backups,
                           Guardrails guardrails, Clock clock) {
        this.revisions = revisions;
        this.node = node;
        this.tenants = List.copyOf(tenants);
        this.backups = backups;
        this.guardrails = guardrails;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Runs every backup due at {@code now}; the tenants backed up, or that failed, with what happened. */
    public List<String> runDue(Instant now) {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Reconciler.Accepted> entry : new TreeMap<>(revisions.get()).entrySet()) {
            String tenant = entry.getKey();
            if (!tenants.isEmpty() && !tenants.contains(tenant)) {
                continue;
            }
            try {
                due(tenant, entry.getValue(), now).ifPresent(done::add);
            } catch (Throwable e) {
                // One tenant's broken backup must not cost the others theirs, nor stop the schedule.
                LOG.error("tenant {}: scheduled backup failed with an internal error", tenant, e);
                done.add(tenant + ": failed: internal error (" + e + ")");
            }
        }
        return done;
    }

    /** The tenant's backup when one is due at {@code now}, and how it went; empty when none is due. */
    private Optional<String> due(String tenant, Reconciler.Accepted accepted, Instant now) {
        TenantConfig config = accepted.config();
        String schedule = config.backup().schedule();
        if (schedule.isEmpty() || config.inventory().host(node).isEmpty()) {
            return Optional.empty();
        }
        Instant since = lastRun.getOrDefault(tenant, started);
        Optional<Instant> next = CronSchedule.parse(schedule).next(since.atZone(ZoneOffset.UTC)).map(t -> t.toInstant());
        if (next.isEmpty() || next.get().isAfter(now)) {
            return Optional.empty();
        }
        lastRun.put(tenant, now);
        try {
            String id = UpgradeBackup.make(backups, config, accepted.desired(), guardrails);
            LOG.info("tenant {}: scheduled backup {} ({})", tenant, id, schedule);
            return Optional.of(tenant + ": backup " + id);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("tenant {}: scheduled backup failed: {}", tenant, e.getMessage());
            return Optional.of(tenant + ": failed: " + e.getMessage());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mooring-backups");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                runDue(clock.instant());
            } catch (Throwable e) {
                // A task that throws is never run again by the executor: nothing may escape it.
                LOG.error("scheduled backups failed; trying again in {} s", TICK_SECONDS, e);
            }
        }, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
