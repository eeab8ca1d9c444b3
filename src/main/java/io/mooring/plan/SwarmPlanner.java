package io.mooring.plan;

import io.mooring.model.DesiredService;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedService;
import io.mooring.model.Revision;
import io.mooring.plan.Reason.Code;
import io.mooring.plan.SwarmAction.Create;
import io.mooring.plan.SwarmAction.Drift;
import io.mooring.plan.SwarmAction.Keep;
import io.mooring.plan.SwarmAction.Remove;
import io.mooring.plan.SwarmAction.Update;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a tenant's declared Swarm services with those the swarm runs. Pure: the same inputs always give the same plan,
 * in the same order: each declared service in the order given (Swarm starts services apart; what depends on what is not
 * its concern), a second service of a component removed just before it, then the services no longer declared.
 *
 * <p>A service is updated when its spec hash differs (the reason names the image's change or the fields that changed), when
 * its tag moved in its registry, or when it drifted and the tenant heals drift. A service whose last update failed (Swarm
 * rolled it back or paused it) and whose labels say it runs the declared spec is kept and said so: setting the same spec
 * again would fail again, pass after pass; what such an update left behind (a mix of images, say) is not called drift.
 */
public final class SwarmPlanner {
    private SwarmPlanner() {
    }

    public static SwarmPlan plan(String tenant, String manager, Revision revision, List<DesiredService> desired,
                                 List<ObservedService> observed) {
        return plan(tenant, manager, revision, desired, observed, Facts.NONE);
    }

    /**
     * @param desired  the tenant's declared services, in the order they are to be created or updated
     * @param observed the services the swarm runs; another tenant's are passed over, never touched
     * @param facts    the registry digests of the declared images, and the tenant's self-heal policy; what was deployed
     *                ({@link Facts#deployed}, container ids) is not read: a service keeps its id across updates
     */
    public static SwarmPlan plan(String tenant, String manager, Revision revision, List<DesiredService> desired,
                                 List<ObservedService> observed, Facts facts) {
        Map<String, List<ObservedService>> byComponent = byComponent(tenant, observed);
        List<SwarmAction> actions = new ArrayList<>();
        for (DesiredService want : desired) {
            List<ObservedService> have = byComponent.remove(want.component());
            ObservedService current = have == null ? null
                    : have.stream().filter(s -> s.name().equals(want.serviceName())).findFirst().orElse(null);
            if (have != null) {
                // Before the component's own action: a second service may publish the port the first needs.
                have.stream().filter(s -> s != current).forEach(extra -> actions.add(new Remove(extra,
                        Reason.of(Code.DUPLICATE, extra.name() + " is a second service for " + want.component()))));
            }
            actions.add(current == null ? new Create(want, Reason.of(Code.MISSING)) : compare(want, current, facts));
        }
        byComponent.values().stream().flatMap(List::stream)
                .forEach(gone -> actions.add(new Remove(gone, Reason.of(Code.NOT_DESIRED))));
        return new SwarmPlan(tenant, manager, revision, actions);
    }

    /** The tenant's services by component, in the order of their names whatever the order the engine listed them in. */
    private static Map<String, List<ObservedService>> byComponent(String tenant, List<ObservedService> observed) {
        Map<String, List<ObservedService>> byComponent = new LinkedHashMap<>();
        observed.stream().filter(s -> tenant.equals(s.tenant()))
                .sorted(Comparator.comparing(ObservedService::name).thenComparing(ObservedService::id))
                .forEach(s -> byComponent.computeIfAbsent(s.component(), k -> new ArrayList<>()).add(s));
        return byComponent;
    }

    private static SwarmAction compare(DesiredService want, ObservedService current, Facts facts) {
        if (!want.specHash().equals(current.specHash())) {
            return new Update(want, current,
                    SpecChange.reason(want.image(), written(current), want.specFields(), current.specFields(), "service"));
        }
        // Rolled back to what is declared (the tenant reverted, say): it runs the declared spec, and is looked at as any other.
        Optional<Reason> failed = SwarmUpdateState.failed(current).filter(r -> r.code() != Code.UPDATE_ROLLED_BACK);
        if (failed.isPresent()) {
            return new Keep(want, current, failed.get());
        }
        List<String> drift = ServiceDrift.found(want, current);
        if (!drift.isEmpty()) {
            Reason reason = Reason.of(Code.DRIFTED, String.join("; ", drift));
            return facts.selfHeal() == Facts.SelfHeal.HEAL ? new Update(want, current, reason) : new Drift(want, current, reason);
        }
        Optional<Reason> moved = SpecChange.digestMoved(want.image(), current.digest(), facts);
        if (moved.isPresent()) {
            return new Update(want, current, moved.get());
        }
        return new Keep(want, current, Reason.of(Code.UP_TO_DATE));
    }

    /**
     * The image as the revision wrote it: Mooring's label; should an engine report the spec's pinned image instead, the
     * digest Mooring pinned is taken off again so that an unchanged tag does not read as a changed image.
     */
    static String written(ObservedService current) {
        try {
            ImageRef image = ImageRef.parse(current.image());
            if (image.digest() != null && image.tag() != null && image.digest().equals(current.digest())) {
                return image.name() + ":" + image.tag();
            }
        } catch (IllegalArgumentException unparsable) {
            // Compared as written.
        }
        return current.image();
    }
}
