package io.mooring.reconcile;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.source.Checkout;
import java.util.Optional;

/**
 * A revision that failed a tenant here is not tried again by the agent until a new commit of the tenant's files or a
 * person asks; the pass that finds it held is not recorded again. One rule for a tenant on one host and on a swarm.
 */
final class HeldRevision {
    private HeldRevision() {
    }

    /** Ends the pass HELD when {@code changes} would try again what failed here at the same files. */
    static void check(PassContext agent, PassStart pass, Checkout checkout, Reconciler.Request request, boolean changes)
            throws PassEnded {
        if (request.retryFailed() || !changes) {
            return;
        }
        Optional<PassRecord> failed = agent.store().last(pass.tenant(), agent.node())
                .filter(last -> last.status() == PassStatus.FAILED && sameFiles(agent, pass, checkout, last.revision()));
        if (failed.isPresent()) {
            throw new PassEnded(pass.ended(PassStatus.HELD, "revision " + checkout.revision().shortId() + " failed here at "
                    + failed.get().finished() + " (" + failed.get().message() + "); it is not tried again until a new commit, a retry"
                    + " (POST /api/tenants/" + pass.tenant() + "/retry) or `mooring apply --tenant " + pass.tenant() + " --node "
                    + agent.node() + "`"), false);
        }
    }

    /**
     * Whether the tenant's files at the failed revision are the ones of this revision: a commit that changed only other
     * tenants does not try a failed rollout again (and take its containers down again).
     */
    private static boolean sameFiles(PassContext agent, PassStart pass, Checkout checkout, String failedRevision) {
        if (failedRevision.equals(pass.revision())) {
            return true;
        }
        Optional<ConfigTree> then = agent.source().fetched(failedRevision);
        if (then.isEmpty()) {
            return false;
        }
        Optional<String> was = then.get().fingerprint(TenantLoader.sources(then.get(), pass.tenant()));
        return was.isPresent() && was.equals(checkout.tree().fingerprint(TenantLoader.sources(checkout.tree(), pass.tenant())));
    }
}
