package io.mooring.reconcile;

import io.mooring.apply.Applier;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineBusyException;
import io.mooring.engine.EngineLock;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.AgentEvents;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.TenantConfig;
import io.mooring.plan.Plan;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import io.mooring.source.SourceException;
import io.mooring.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator of reconcile passes: fetches a revision, then runs each tenant's pass ({@link TenantPass}, {@link SwarmPass} for
 * a tenant on Docker Swarm, or {@link Departure} for a tenant that left this node) under one guard that turns any failure into that tenant's
 * recorded pass and records it in one place, always. An invalid revision or an unreachable Git or engine touches nothing.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** How long a round waits for another Mooring process acting on the engine before it leaves it to the next round. */
    private static final Duration ENGINE_WAIT = Duration.ofMinutes(1);

    private final GitSource source;
    private final PassContext agent;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    /** Tenants of other nodes only, as last read here (desired is null): what this agent backs up should it lead. */
    private final Map<String, Accepted> elsewhere = new ConcurrentHashMap<>();
    private final TenantPool pool;
    private final Optional<EngineLock> lock;
    private final PassGuard guard;
    private final FetchLog fetches;
    private final SourceKeys keys = new SourceKeys();

    /**
     * The outside world a reconciler works on; without {@code backups}, no tenant gets a backup before its upgrade;
     * with {@code lock}, a round acts on the engine only while no other Mooring process does; {@code events} hears of
     * each recorded pass and each fetch.
     */
    public record Ports(GitSource source, Engine engine, StateStore store, Optional<TenantBackups> backups, Optional<EngineLock> lock,
                        AgentEvents events) {
        public Ports(GitSource source, Engine engine, StateStore store, Optional<TenantBackups> backups, Optional<EngineLock> lock) {
            this(source, engine, store, backups, lock, AgentEvents.NONE);
        }

        public Ports(GitSource source, Engine engine, StateStore store) {
            this(source, engine, store, Optional.empty(), Optional.empty());
        }
    }

    /** How the agent rolls out: guardrails, health timeout, parallelism, disk floor, registry checks, signatures, limits. */
    public record Settings(Guardrails guardrails, Duration healthTimeout, int parallelism, long minFreeDiskBytes,
                           Duration registryCheckInterval, SignaturePolicy signatures, Limits limits, CertificateSettings certificates) {
        public Settings(Guardrails guardrails, Duration healthTimeout, int parallelism, long minFreeDiskBytes,
                        Duration registryCheckInterval, SignaturePolicy signatures, Limits limits) {
            this(guardrails, healthTimeout, parallelism, minFreeDiskBytes, registryCheckInterval, signatures, limits,
                    CertificateSettings.DEFAULT);
        }

        public Settings withCertificates(CertificateSettings other) {
            return new Settings(guardrails, healthTimeout, parallelism, minFreeDiskBytes, registryCheckInterval, signatures, limits, other);
        }

        public Settings(Guardrails guardrails, Duration healthTimeout, int parallelism, long minFreeDiskBytes,
                        Duration registryCheckInterval, SignaturePolicy signatures) {
            this(guardrails, healthTimeout, parallelism, minFreeDiskBytes, registryCheckInterval, signatures, Limits.DEFAULT);
        }

        public static Settings defaults(Duration healthTimeout) {
            Applier.Options apply = Applier.Options.defaults(healthTimeout);
            return new Settings(Guardrails.defaults(), healthTimeout, apply.parallelism(), apply.minFreeDiskBytes(), Duration.ZERO,
                    SignaturePolicy.OFF);
        }

        Applier.Options apply() {
            return new Applier.Options(healthTimeout, parallelism, minFreeDiskBytes, limits.maxHookTimeout());
        }
    }

    /** What the agent, never a commit, bounds: tenants' passes at once, a hook's time, and a pass's before it is cancelled. */
    public record Limits(int tenantParallelism, Duration maxHookTimeout, Duration passTimeout) {
        public static final Limits DEFAULT = new Limits(4, Applier.Options.MAX_HOOK_TIMEOUT, Duration.ofHours(1));
    }

    /** What a person asked for: try a held revision again, or apply outside the maintenance window. */
    public record Request(boolean retryFailed, boolean ignoreWindow) {
        public static final Request EXPLICIT = new Request(true, false);
        public static final Request AGENT = new Request(false, false);
    }

    /** A tenant's revision that a pass acted on (signed, when its policy requires it): its config and what it renders to here. */
    public record Accepted(Checkout checkout, TenantConfig config, DesiredState desired) {
    }

    /**
     * The passes of a round, or, when the repository could not be fetched at all, why (what the loop backs off on);
     * then no tenant has a pass: each keeps its last good revision and its history as it was.
     */
    public record Result(List<PassRecord> passes, Optional<String> sourceError, Optional<String> engineBusy) {
        public Result {
            passes = List.copyOf(passes);
        }

        Result(List<PassRecord> passes, Optional<String> sourceError) {
            this(passes, sourceError, Optional.empty());
        }

        public boolean sourceDown() {
            return sourceError.isPresent();
        }
    }

    /** The newest revision fetched and when (null before the first fetch), and, when the last fetch failed, why and when. */
    public record Fetched(String revision, String subject, Instant at, String error, Instant failedAt) {
        Fetched failed(String why, Instant when) {
            return new Fetched(revision, subject, at, why, when);
        }
    }

    public Reconciler(Ports ports, String node, Clock clock, Settings settings) {
        this.source = ports.source();
        this.lock = ports.lock();
        this.fetches = new FetchLog(ports.events(), clock);
        this.guard = new PassGuard(ports.store(), ports.events());
        this.agent = new PassContext(ports.engine(), ports.source(), ports.store(), node, clock, settings,
                new Applier(ports.engine(), settings.apply(), settings.guardrails()),
                new RegistryDigests(ports.engine(), settings.registryCheckInterval(), clock),
                new SignatureGate(ports.source(), ports.store(), settings.signatures()), ports.backups(), accepted, new PortClaims(),
                new TenantCertificates(settings.certificates(), ports.store(), node, clock));
        this.pool = new TenantPool(settings.limits().tenantParallelism(), settings.limits().passTimeout(), ports.lock());
    }

    /**
     * Per tenant of this node, the revision passes last acted on: what scheduled backups follow. A revision refused
     * by the signature policy never gets here; the tenant keeps its last good one.
     */
    public Map<String, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    /** Per tenant, how its last pass since the agent started ended (what the node's heartbeat reports). */
    public Map<String, PassRecord> lastPasses() {
        return guard.lastPasses();
    }

    /**
     * The tenants this node does not host, at the revision it last read them (never one their signature policy
     * refused), without a desired state: the cluster's singleton jobs (a managed database's backup) are the leader's
     * whichever node it is.
     */
    public Map<String, Accepted> elsewhere() {
        return Map.copyOf(elsewhere);
    }

    void seenElsewhere(String tenant, Optional<Accepted> revision) {
        revision.ifPresentOrElse(r -> elsewhere.put(tenant, r), () -> elsewhere.remove(tenant));
    }

    /** Per tenant, the certificate its containers were last given here. */
    public Map<String, io.mooring.model.TenantCertificate> certificates() {
        return agent.certificates().current();
    }

    /** How long a round waits for one tenant's pass (rollout.passTimeout). */
    public Duration passBudget() {
        return agent.settings().limits().passTimeout();
    }

    /** When a tenant's pass last ended in a round: progress, however long the round. */
    public Instant lastPassEnded() {
        return pool.lastEnded();
    }

    /** What the loop fetched last; empty before its first fetch. */
    public Optional<Fetched> fetched() {
        return fetches.last();
    }

    /**
     * Reconciles one tenant at {@code ref} (null: the default branch); {@code planned} sees the plan before it is applied.
     * When the repository cannot be fetched, the pass is UNAVAILABLE and not recorded: it had no revision to act on.
     */
    public PassRecord reconcile(String tenant, String ref, PlanShown planned, Request request) {
        Instant started = agent.clock().instant();
        Checkout checkout;
        try {
            checkout = source.checkout(ref);
        } catch (SourceException e) {
            return new PassStart(tenant, agent.node(), "", started, agent.clock()).ended(PassStatus.UNAVAILABLE, e.getMessage());
        }
        PassStart pass = new PassStart(tenant, agent.node(), checkout.revision().commit(), started, agent.clock());
        return guarded(pass, () -> {
            try (Exclusive held = exclusive()) {
                TenantConfig config = TenantLoader.load(checkout.tree(), tenant);
                guard.learn(config);
                if (SwarmPass.applies(config)) {
                    return Optional.of(new SwarmPass(agent, pass, checkout, config).runIfActing(request, planned::shown));
                }
                return Optional.of(new TenantPass(agent, pass, checkout, config).run(request, planned::shown));
            }
        }).orElseThrow();
    }

    /** The plan of one tenant against the local engine, without applying or recording anything. */
    public void preview(String tenant, String ref, PlanShown shown) {
        Checkout checkout = source.checkout(ref);
        TenantConfig config = TenantLoader.load(checkout.tree(), tenant);
        if (SwarmPass.applies(config)) {
            shown.shown(new SwarmPass(agent, start(tenant, checkout), checkout, config).preview());
        } else {
            shown.shown(new TenantPass(agent, start(tenant, checkout), checkout, config).preview());
        }
    }

    /** Every tenant of a selection at one fetched revision; see {@link Round}. */
    public Result reconcileAll(Selection selection) {
        Checkout checkout;
        try {
            checkout = fetches.fetch(source, selection.ref());
        } catch (SourceException e) {
            return new Result(List.of(), Optional.of(e.getMessage()));
        }
        try (Exclusive held = exclusive()) {
            return new Round(this, agent, pool, keys, checkout).run(selection);
        } catch (EngineBusyException e) {
            // Another Mooring (a `mooring apply`) is acting on this engine: this round waits for the next.
            LOG.warn("{}; this round's passes wait for the next", e.getMessage());
            return new Result(List.of(), Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** Held while a round or a pass acts on the engine, so that no other Mooring process acts on it at once. */
    private interface Exclusive extends AutoCloseable {
        @Override void close();
    }

    private Exclusive exclusive() {
        if (lock.isEmpty()) {
            return () -> { };
        }
        EngineLock.Held held = lock.get().acquire(ENGINE_WAIT);
        return held::close;
    }

    PassStart start(String tenant, Checkout checkout) {
        return PassStart.now(tenant, agent.node(), checkout.revision().commit(), agent.clock());
    }

    Optional<PassRecord> guarded(PassStart pass, PassGuard.Body body) {
        return guard.guarded(pass, body, new AtomicBoolean());
    }

    PassGuard guard() {
        return guard;
    }
}
