package io.mooring.reconcile;

import io.mooring.engine.Engine.PublishedPort;
import java.util.ArrayList;
import java.util.List;

/**
 * The host ports that tenants' passes under way on this agent are about to publish. Between a replace's stop of the
 * old container and the start of the new one, the engine shows the port free; another tenant's pass checking the
 * engine then would take it, and the replace and its rollback would both fail. So a pass that will publish host ports
 * claims them here, at once with checking, after its engine check and before it stops or creates anything, and lets
 * go when it ends. One per reconciler: its passes run several at once.
 */
final class PortClaims {
    private final List<PublishedPort> claimed = new ArrayList<>();

    /**
     * Claims {@code wanted} for {@code tenant} unless another tenant's pass has claimed a port that clashes with one of
     * them; returns, per clash, the port wanted and the claim it clashes with (and then claims nothing).
     */
    synchronized List<PublishedPort[]> claim(String tenant, List<PublishedPort> wanted) {
        List<PublishedPort[]> clashes = new ArrayList<>();
        for (PublishedPort want : wanted) {
            claimed.stream().filter(held -> !held.tenant().equals(tenant) && HostPorts.clash(want, held)).findFirst()
                    .ifPresent(held -> clashes.add(new PublishedPort[] {want, held}));
        }
        if (clashes.isEmpty()) {
            claimed.addAll(wanted);
        }
        return clashes;
    }

    /** Lets go of what {@link #claim} took (each entry once, so that another pass's equal claim stays). */
    synchronized void release(List<PublishedPort> taken) {
        taken.forEach(claimed::remove);
    }

    /** For tests: the ports claimed now. */
    synchronized List<PublishedPort> claimed() {
        return List.copyOf(claimed);
    }
}
