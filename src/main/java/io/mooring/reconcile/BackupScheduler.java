package io.mooring.reconcile;

import io.dropwizard.lifecycle.Managed;
import io.mooring.leader.NodeSlots;
import io.mooring.leader.Singletons;
import io.mooring.leader.Slots;
import io.mooring.model.CronSchedule;
import io.mooring.model.Guardrails;
import io.mooring.model.TenantConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * at a time, each followed by its retention. A managed database's backup is the cluster's singleton job
 * ({@link BackupDuties}, {@link ManagedBackup}): taken here only while this node leads.
 * A schedule's first run is its first time after the agent started; a managed database's slot missed while no node
 * led (the latest of the last {@link Slots#LOOKBACK}) is run by the leader when it starts, unless the cluster ran it.
 * In a cluster, the backup of a tenant's postgresql running on a node is that node's, each slot claimed first
 * ({@link NodeSlots}); while the cluster's view shows the node down, the leader stands in for it ({@link StandInBackup}),
 * and whichever of the two claims a slot first makes it.
 */
public final class BackupScheduler implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);
    private static final Duration TICK = Duration.ofSeconds(30);

    private final Supplier<Map<String, Reconciler.Accepted>> revisions;
    private final Supplier<Map<String, Reconciler.Accepted>> elsewhere;
    private final String node;
    private final List<String> tenants;
    private final TenantBackups backups;
    private final Guardrails guardrails;
    private final Clock clock;
    private final Instant started;
    private final Optional<ManagedBackup> managed;
    private final Optional<StandInBackup> standIns;
    private final Optional<NodeSlots> ownSlots;
    private final Supplier<Set<String>> down;
    private final Duration tick;
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSlot = new ConcurrentHashMap<>();
    private final Map<String, Instant> waiting = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public BackupScheduler(Supplier<Map<String, Reconciler.Accepted>> revisions, String node, List<String> tenants, TenantBackups backups,
                           Guardrails guardrails, Clock clock) {
        this(revisions, Map::of, node, tenants, backups, guardrails, clock, Optional.empty(), TICK);
    }

    /**
     * With the cluster's singleton jobs: managed databases are backed up by the leader, those of tenants of other
     * nodes ({@code elsewhere}) included; {@code tick}: how often it looks.
     */
    public BackupScheduler(Supplier<Map<String, Reconciler.Accepted>> revisions, Supplier<Map<String, Reconciler.Accepted>> elsewhere,
                           String node, List<String> tenants, TenantBackups backups, Guardrails guardrails, Clock clock,
                           Optional<Singletons> singletons, Duration tick) {
        this(revisions, elsewhere, node, tenants, backups, guardrails, clock, singletons, tick, Set::of);
    }

    /** As above; {@code down}: the nodes the cluster's view shows down, whose database backups the leader stands in for. */
    public BackupScheduler(Supplier<Map<String, Reconciler.Accepted>> revisions, Supplier<Map<String, Reconciler.Accepted>> elsewhere,
                           String node, List<String> tenants, TenantBackups backups, Guardrails guardrails, Clock clock,
                           Optional<Singletons> singletons, Duration tick, Supplier<Set<String>> down) {
        this.revisions = revisions;
        this.elsewhere = elsewhere;
        this.node = node;
        this.tenants = List.copyOf(tenants);
        this.backups = backups;
        this.guardrails = guardrails;
        this.clock = clock;
        this.started = clock.instant();
        this.managed = singletons.map(s -> new ManagedBackup(s, backups, guardrails, node));
        this.standIns = singletons.map(s -> new StandInBackup(s, backups, guardrails, node));
        this.ownSlots = singletons.map(s -> s.forNode(node));
        this.down = down;
        this.tick = tick.compareTo(TICK) < 0 ? tick : TICK;
    }

    /** Runs every backup due at {@code now}; the tenants backed up, or that failed, with what happened. */
    public List<String> runDue(Instant now) {
        List<String> done = new ArrayList<>();
        Map<String, Reconciler.Accepted> known = new TreeMap<>(elsewhere.get());
        known.putAll(revisions.get());
        Supplier<Set<String>> downNow = once(down);
        for (Map.Entry<String, Reconciler.Accepted> entry : known.entrySet()) {
            String tenant = entry.getKey();
            if (!tenants.isEmpty() && !tenants.contains(tenant)) {
                continue;
            }
            try {
                BackupDuties duties = duties(entry.getValue().config());
                if (duties.own()) {
                    due(tenant, entry.getValue(), now).ifPresent(done::add);
                }
                if (duties.singleton()) {
                    singletonDue(entry.getValue(), now).ifPresent(done::add);
                }
                standInDue(entry.getValue(), now, downNow).ifPresent(done::add);
            } catch (Throwable e) {
                // One tenant's broken backup must not cost the others theirs, nor stop the schedule.
                LOG.error("tenant {}: scheduled backup failed with an internal error", tenant, e);
                done.add(tenant + ": failed: internal error (" + e + ")");
            }
        }
        return done;
    }

    private BackupDuties duties(TenantConfig config) {
        if (config.backup().schedule().isEmpty()) {
            return BackupDuties.NONE;
        }
        boolean movable = managed.isPresent() && TenantBackups.movable(config);
        return BackupDuties.of(true, config.inventory().host(node).isPresent(), TenantBackups.backupNode(config).equals(node), movable,
                movable && managed.get().leads());
    }

    /** The tenant's own backup when one is due at {@code now}, and how it went; empty when none is due. */
    private Optional<String> due(String tenant, Reconciler.Accepted accepted, Instant now) {
        TenantConfig config = accepted.config();
        String schedule = config.backup().schedule();
        Optional<Instant> slot = Slots.due(CronSchedule.parse(schedule), lastRun.getOrDefault(tenant, started), now);
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        if (!BackupDuties.claimsOwnSlots(ownSlots.isPresent(), dumpsDatabaseHere(accepted))) {
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
        Singletons.Result result = ownSlots.orElseThrow().run(StandInBackup.job(tenant, node), slot.get(),
                fence -> "backup " + UpgradeBackup.make(backups, config, accepted.desired(), guardrails, fence::refusal));
        if (result.outcome() == Singletons.Outcome.NOT_LEADER) {
            // Not claimed: the slot stays due here, and is made once the claim can be asked.
            if (!slot.get().equals(waiting.put(tenant, slot.get()))) {
                LOG.warn("tenant {}: scheduled backup (slot {}) waits: {}", tenant, slot.get(), result.message());
            }
            return Optional.of(tenant + ": waits: " + result.message());
        }
        waiting.remove(tenant);
        lastRun.put(tenant, now);
        switch (result.outcome()) {
            case DONE -> LOG.info("tenant {}: scheduled {} (slot {}, {})", tenant, result.message(), slot.get(), schedule);
            case TAKEN -> LOG.info("tenant {}: scheduled backup (slot {}) not made here: {}", tenant, slot.get(), result.message());
            default -> LOG.warn("tenant {}: scheduled backup (slot {}) failed: {}", tenant, slot.get(), result.message());
        }
        return Optional.of(tenant + ": " + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.message());
    }

    /** Whether this node's backups of the tenant dump its postgresql, which runs here (not a managed database). */
    private boolean dumpsDatabaseHere(Reconciler.Accepted accepted) {
        TenantConfig config = accepted.config();
        return config.backup().database() && !TenantBackups.managedDatabase(config, node)
                && accepted.desired().containers().stream().anyMatch(c -> "postgresql".equals(c.component()));
    }

    /**
     * The database backup of the node running the tenant's postgresql, while it is down, made here as the leader standing
     * in: once per slot for the cluster, the slot claimed against the node's own claim.
     */
    private Optional<String> standInDue(Reconciler.Accepted accepted, Instant now, Supplier<Set<String>> downNow) {
        TenantConfig config = accepted.config();
        if (standIns.isEmpty() || config.backup().schedule().isEmpty() || !standIns.get().leads()) {
            return Optional.empty();
        }
        Optional<String> databaseNode = TenantBackups.databaseNode(config);
        if (databaseNode.isEmpty() || databaseNode.get().equals(node)
                || !BackupDuties.standsIn(true, databaseNode, node, downNow.get(), true)) {
            return Optional.empty();
        }
        String key = config.tenant() + "@" + databaseNode.get();
        Optional<Instant> slot = Slots.due(CronSchedule.parse(config.backup().schedule()),
                lastSlot.getOrDefault(key, started.minus(Slots.LOOKBACK)), now);
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        Singletons.Result result = standIns.get().run(config, accepted.checkout(), databaseNode.get(), slot.get());
        if (result.outcome() == Singletons.Outcome.NOT_LEADER) {
            return Optional.empty();
        }
        if (result.outcome() != Singletons.Outcome.FENCED) {
            lastSlot.put(key, slot.get());
        }
        switch (result.outcome()) {
            case DONE -> LOG.info("tenant {}: scheduled {} (slot {})", config.tenant(), result.message(), slot.get());
            case TAKEN -> LOG.debug("tenant {}: slot {} of node {}'s database backup was made already", config.tenant(), slot.get(),
                    databaseNode.get());
            default -> LOG.warn("tenant {}: scheduled backup of node {}'s database (slot {}), standing in while it is down: {}",
                    config.tenant(), databaseNode.get(), slot.get(), result.message());
        }
        return Optional.of(config.tenant() + "@" + databaseNode.get() + ": " + result.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + ": " + result.message());
    }

    /** {@code supplier} asked at most once, when first needed; what it cannot tell is no node down. */
    private static Supplier<Set<String>> once(Supplier<Set<String>> supplier) {
        java.util.concurrent.atomic.AtomicReference<Set<String>> known = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            if (known.get() == null) {
                try {
                    known.set(Set.copyOf(supplier.get()));
                } catch (RuntimeException e) {
                    LOG.debug("the cluster's view cannot be read; no stand-in backup now", e);
                    known.set(Set.of());
                }
            }
            return known.get();
        };
    }

    /** The managed database's slot due at {@code now}, run here once for the cluster when this node leads. */
    private Optional<String> singletonDue(Reconciler.Accepted accepted, Instant now) {
        TenantConfig config = accepted.config();
        String tenant = config.tenant();
        Optional<Instant> slot = Slots.due(CronSchedule.parse(config.backup().schedule()), lastSlot.getOrDefault(tenant, started.minus(Slots.LOOKBACK)), now);
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        Singletons.Result result = managed.orElseThrow().run(config, accepted.checkout(), slot.get());
        if (result.outcome() == Singletons.Outcome.NOT_LEADER) {
            return Optional.empty(); // the slot stays due here, should this node lead before the next one
        }
        if (result.outcome() != Singletons.Outcome.FENCED) {
            // Fenced, the slot was left running: asked again next tick, it is this node's again if it still leads (the
            // fence could not reach the database), or it is the new leader's, which the claim then says.
            lastSlot.put(tenant, slot.get());
        }
        switch (result.outcome()) {
            case DONE -> LOG.info("tenant {}: scheduled {} (slot {}, as the cluster's leader)", tenant, result.message(), slot.get());
            case TAKEN -> LOG.debug("tenant {}: slot {} of its managed database's backup ran on another node", tenant, slot.get());
            default -> LOG.warn("tenant {}: scheduled backup of its managed database (slot {}) failed: {}", tenant, slot.get(),
                    result.message());
        }
        return Optional.of(tenant + ": " + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.message());
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
                LOG.error("scheduled backups failed; trying again in {} s", tick.toSeconds(), e);
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
