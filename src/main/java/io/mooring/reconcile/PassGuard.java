package io.mooring.reconcile;

import io.mooring.engine.EngineException;
import io.mooring.model.AgentEvents;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.Redactions;
import io.mooring.model.TenantConfig;
import io.mooring.source.SourceException;
import io.mooring.state.StateException;
import io.mooring.state.StateStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one guard of every tenant's pass: how the pass ended (a phase that ended it, an invalid revision, an
 * unreachable engine, Git or database, a defect of any kind) becomes that tenant's pass record, recorded once,
 * with the values of the tenant's secret variables redacted from every message (hook output and log tails included).
 */
final class PassGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PassGuard.class);

    private final StateStore store;
    /** Per tenant, the secrets of the configuration its last pass loaded. */
    private final Map<String, Redactions> latest = new ConcurrentHashMap<>();
    /** Per tenant, those and the ones of the configuration before: an old container's logs can still show a changed secret. */
    private final Map<String, Redactions> known = new ConcurrentHashMap<>();

    /** Per tenant, how its last pass since the agent started ended: what the node's heartbeat reports, database or not. */
    private final Map<String, PassRecord> last = new ConcurrentHashMap<>();

    private final AgentEvents events;

    PassGuard(StateStore store, AgentEvents events) {
        this.store = store;
        this.events = events;
    }

    /** The tenant's configuration a pass has loaded: its secrets are redacted from what its passes record from now on. */
    void learn(TenantConfig config) {
        Redactions fresh = Redactions.of(config.inventory());
        Redactions before = latest.put(config.tenant(), fresh);
        known.put(config.tenant(), before == null ? fresh : fresh.and(before));
    }

    /** A tenant's pass, or nothing when it has nothing to do here. */
    interface Body {
        Optional<PassRecord> run() throws PassEnded;
    }

    /**
     * Runs a tenant's pass: whatever ends it becomes that tenant's pass record, written here and nowhere else, unless
     * {@code settled} was set first (by the pool, when it cancelled the pass); nothing reaches another tenant's pass.
     */
    Optional<PassRecord> guarded(PassStart pass, Body body, AtomicBoolean settled) {
        PassRecord result = null;
        boolean recorded = true;
        try {
            Optional<PassRecord> done = body.run();
            recorded = done.isPresent();
            result = done.orElse(null);
        } catch (PassEnded e) {
            result = e.pass();
            recorded = e.recorded();
        } catch (InvalidConfigException e) {
            result = pass.ended(PassStatus.INVALID, e.getMessage());
        } catch (SourceException | EngineException | StateException | TenantCertificates.Unavailable e) {
            result = pass.ended(PassStatus.UNAVAILABLE, e.getMessage());
        } catch (Throwable e) {
            // A defect, not the input (a stack overflow, memory exhausted): it costs this tenant its pass, never the others theirs.
            LOG.error("tenant {}: internal error during the pass", pass.tenant(), e);
            result = pass.ended(PassStatus.INTERNAL, "internal error (" + e + "); see the agent's log");
        } finally {
            result = result == null ? null : known.getOrDefault(pass.tenant(), Redactions.NONE).apply(result);
            if (result != null && recorded && settled.compareAndSet(false, true)) {
                record(result);
            }
        }
        return Optional.ofNullable(result);
    }

    /** A pass the round gave up waiting for after its budget, recorded unless it recorded its own end first. */
    Optional<PassRecord> cancelled(PassStart pass, AtomicBoolean settled, Duration budget) {
        if (!settled.compareAndSet(false, true)) {
            return Optional.empty();
        }
        PassRecord cancelled = pass.ended(PassStatus.INTERNAL, "given up after " + budget.toSeconds() + "s: the pass outlived its"
                + " budget (rollout.passTimeout); it ends on its own, each of its steps bounded by the agent's timeouts, and the"
                + " tenant's next pass starts once it has; what it leaves half done, that pass finishes or undoes");
        record(cancelled);
        return Optional.of(cancelled);
    }

    /** Who hears of each pass. */
    AgentEvents events() {
        return events;
    }

    /** Per tenant, how its last pass since the agent started ended. */
    Map<String, PassRecord> lastPasses() {
        return Map.copyOf(last);
    }

    private void record(PassRecord pass) {
        last.put(pass.tenant(), pass);
        try {
            store.record(pass);
        } catch (RuntimeException e) {
            // The pass is over either way; an unrecorded pass must not cost the tenants after it theirs.
            LOG.warn("tenant {}: the pass ({}: {}) could not be recorded: {}", pass.tenant(), pass.status(), pass.message(), e.getMessage());
        }
        events.passEnded(pass);
    }
}
