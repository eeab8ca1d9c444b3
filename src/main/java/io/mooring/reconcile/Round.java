package io.mooring.reconcile;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.PassRecord;
import io.mooring.model.TenantConfig;
import io.mooring.source.Checkout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One round of passes at one fetched revision: the selected tenants or, when none are selected, every tenant of
 * the repository whose inventory names this node and every tenant this agent deployed here that the repository
 * no longer runs here (its containers are removed, volumes kept). Each tenant's pass runs under the
 * orchestrator's guard, so that one tenant's failure never skips the tenants after it.
 */
final class Round {
    private final Reconciler reconciler;
    private final PassContext agent;
    private final Checkout checkout;

    Round(Reconciler reconciler, PassContext agent, Checkout checkout) {
        this.reconciler = reconciler;
        this.agent = agent;
        this.checkout = checkout;
    }

    Reconciler.Result run(Reconciler.Selection selection) {
        Set<String> inRepository = new TreeSet<>(selection.discover() ? TenantLoader.tenants(checkout.tree()) : selection.tenants());
        Set<String> deployedHere = selection.discover() ? agent.store().deployedTenants(agent.node()) : Set.of();
        Set<String> names = new TreeSet<>(inRepository);
        names.addAll(deployedHere);
        List<PassRecord> passes = new ArrayList<>();
        for (String tenant : names) {
            PassStart start = reconciler.start(tenant, checkout);
            reconciler.guarded(start, () -> pass(start, selection, inRepository.contains(tenant), deployedHere.contains(tenant)))
                    .ifPresent(passes::add);
        }
        return new Reconciler.Result(passes, Optional.empty());
    }

    private Optional<PassRecord> pass(PassStart start, Reconciler.Selection selection, boolean present, boolean deployedHere)
            throws PassEnded {
        String tenant = start.tenant();
        boolean quiet = selection.skip().test(tenant, key(tenant, present));
        boolean retried = selection.retry().test(tenant);
        if (quiet && !retried) {
            return Optional.empty();
        }
        if (!present) {
            return Optional.of(new Departure(agent, start, checkout).run("its folder is no longer in the repository"));
        }
        TenantConfig config = TenantLoader.load(checkout.tree(), tenant);
        if (selection.discover() && config.inventory().host(agent.node()).isEmpty()) {
            // Not this node's tenant; unless it ran here, there is nothing to record.
            return deployedHere ? Optional.of(new Departure(agent, start, checkout).run("its inventory no longer names node " + agent.node()))
                    : Optional.empty();
        }
        return Optional.of(new TenantPass(agent, start, checkout, config)
                .run(retried ? Reconciler.Request.EXPLICIT : Reconciler.Request.AGENT, plan -> { }));
    }

    /** What the tenant's desired state is read from at this revision: the Git ids of its sources when known, else the commit. */
    private String key(String tenant, boolean present) {
        if (!present) {
            return "absent@" + checkout.revision().commit();
        }
        return checkout.tree().fingerprint(TenantLoader.sources(checkout.tree(), tenant)).orElse(checkout.revision().commit());
    }
}
