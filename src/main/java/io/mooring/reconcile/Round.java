package io.mooring.reconcile;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.PassRecord;
import io.mooring.model.TenantConfig;
import io.mooring.source.Checkout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of passes at one fetched revision: the selected tenants or, when none are selected, every tenant of
 * the repository whose inventory names this node and every tenant this agent deployed here that the repository
 * no longer runs here (its containers are removed, volumes kept). Each tenant's pass runs under the
 * orchestrator's guard, so that one tenant's failure never skips the tenants after it.
 */
final class Round {
    private static final Logger LOG = LoggerFactory.getLogger(Round.class);
    private final Reconciler reconciler;
    private final PassContext agent;
    private final TenantPool pool;
    private final SourceKeys keys;
    private final Checkout checkout;

    Round(Reconciler reconciler, PassContext agent, TenantPool pool, SourceKeys keys, Checkout checkout) {
        this.reconciler = reconciler;
        this.pool = pool;
        this.agent = agent;
        this.keys = keys;
        this.checkout = checkout;
    }

    Reconciler.Result run(Selection selection) {
        Set<String> inRepository = new TreeSet<>(selection.discover() ? TenantLoader.tenants(checkout.tree()) : selection.tenants());
        Set<String> deployedHere = selection.discover() ? agent.store().deployedTenants(agent.node()) : Set.of();
        Set<String> names = new TreeSet<>(inRepository);
        names.addAll(deployedHere);
        if (selection.discover()) {
            keys.retain(names);
        }
        List<TenantPool.Task> tasks = names.stream().map(tenant -> task(tenant, selection, inRepository.contains(tenant),
                deployedHere.contains(tenant))).toList();
        return new Reconciler.Result(pool.run(tasks), Optional.empty());
    }

    /** A tenant's pass under the orchestrator's guard, started when a thread of the pool takes it. */
    private TenantPool.Task task(String tenant, Selection selection, boolean present, boolean deployedHere) {
        AtomicBoolean settled = new AtomicBoolean();
        AtomicReference<PassStart> start = new AtomicReference<>(reconciler.start(tenant, checkout));
        return new TenantPool.Task() {
            @Override
            public String tenant() {
                return tenant;
            }

            @Override
            public Optional<PassRecord> run(Runnable began) {
                start.set(reconciler.start(tenant, checkout));
                began.run();
                return reconciler.guard().guarded(start.get(), () -> pass(start.get(), selection, present, deployedHere), settled);
            }

            @Override
            public Optional<PassRecord> cancelled(Duration budget) {
                return reconciler.guard().cancelled(start.get(), settled, budget);
            }
        };
    }

    private Optional<PassRecord> pass(PassStart start, Selection selection, boolean present, boolean deployedHere)
            throws PassEnded {
        String tenant = start.tenant();
        // A certificate due for renewal is a change too, though nothing in the repository or on the engine changed.
        String key = key(tenant, present);
        boolean quiet = selection.skip().test(tenant, key) && !agent.certificates().due(tenant);
        boolean retried = selection.retry().test(tenant);
        if (quiet && !retried) {
            return Optional.empty();
        }
        if (!present) {
            reconciler.seenElsewhere(tenant, Optional.empty());
            Optional<io.mooring.engine.SwarmEngine> swarm = deployedHere ? SwarmDeparture.holding(agent, tenant) : Optional.empty();
            return Optional.of(swarm.isPresent() ? new SwarmDeparture(agent, start, checkout).run(swarm.get(), "its folder is no longer in the repository")
                    : new Departure(agent, start, checkout).run("its folder is no longer in the repository"));
        }
        TenantConfig config = TenantLoader.load(checkout.tree(), tenant);
        // Once per change of the tenant's files: an unchanged tenant is not loaded again.
        config.inventory().warnings().forEach(w -> LOG.warn("tenant {}: {}", tenant, w));
        reconciler.guard().learn(config);
        boolean hostedHere = config.inventory().host(agent.node()).isPresent();
        reconciler.seenElsewhere(tenant, hostedHere ? Optional.empty() : signed(start, config));
        if (selection.discover() && !hostedHere) {
            // Not this node's tenant; unless it ran here, there is nothing to record, nor to do again at this key.
            if (deployedHere) {
                return Optional.of(new Departure(agent, start, checkout).run("its inventory no longer names node " + agent.node()));
            }
            selection.settled().accept(tenant, key);
            return Optional.empty();
        }
        Reconciler.Request request = retried ? Reconciler.Request.EXPLICIT : Reconciler.Request.AGENT;
        if (SwarmPass.applies(config)) {
            if (!SwarmPass.actsOn(config, agent.node())) {
                // Another host's agent acts for the tenant's services; nothing of it is this node's to keep or take down.
                agent.store().deployments(tenant, agent.node()).keySet().forEach(c -> agent.store().undeployed(tenant, agent.node(), c));
                return Optional.empty();
            }
            return Optional.of(new SwarmPass(agent, start, checkout, config).run(request, plan -> applying(start, plan.changes().size())));
        }
        return Optional.of(new TenantPass(agent, start, checkout, config).run(request, plan -> applying(start, plan.changes().size())));
    }

    private void applying(PassStart start, int changes) {
        if (changes > 0) {
            reconciler.guard().events().applying(start.tenant(), agent.node(), start.revision(), changes);
        }
    }

    /** A tenant of other nodes at this revision, unless its signature policy refuses it (then its last good one stays). */
    private Optional<Reconciler.Accepted> signed(PassStart start, TenantConfig config) {
        try {
            agent.gate().check(start, checkout);
            return Optional.of(new Reconciler.Accepted(checkout, config, null));
        } catch (PassEnded refused) {
            return Optional.ofNullable(reconciler.elsewhere().get(start.tenant()));
        }
    }

    /** What the tenant's desired state is read from at this revision: the Git ids of its sources when known, else the commit. */
    private String key(String tenant, boolean present) {
        if (!present) {
            return "absent@" + checkout.revision().commit();
        }
        String commit = checkout.revision().commit();
        return keys.of(tenant, commit, () -> checkout.tree().fingerprint(TenantLoader.sources(checkout.tree(), tenant)).orElse(commit));
    }
}
