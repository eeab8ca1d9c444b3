package io.mooring.reconcile;

import io.mooring.model.PassStatus;
import io.mooring.source.Checkout;
import io.mooring.source.CommitSignature;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import io.mooring.state.StateStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signature policy, before a revision is acted on (applied, or taking a tenant off the node): a revision
 * not signed by a key the tenant's policy allows is refused, nothing is touched, and what runs stays.
 */
final class SignatureGate {
    private static final int REMEMBERED = 64;

    private final GitSource source;
    private final StateStore store;
    private final SignaturePolicy policy;
    /** Verified signatures by commit: a commit's signature does not change. */
    private final Map<String, CommitSignature> signatures = new ConcurrentHashMap<>();

    SignatureGate(GitSource source, StateStore store, SignaturePolicy policy) {
        this.source = source;
        this.store = store;
        this.policy = policy;
    }

    /** Ends the pass when the revision may not be acted on: REFUSED (told once per revision), or UNAVAILABLE when keys cannot be read. */
    void check(PassStart pass, Checkout checkout) throws PassEnded {
        String tenant = pass.tenant();
        if (!policy.requires(tenant)) {
            return;
        }
        CommitSignature signature = signature(checkout.revision().commit());
        if (signature.verified()) {
            return;
        }
        boolean told = store.last(tenant, pass.node())
                .filter(last -> last.status() == PassStatus.REFUSED && last.revision().equals(checkout.revision().commit())).isPresent();
        throw new PassEnded(pass.ended(PassStatus.REFUSED, "revision " + checkout.revision().shortId() + " is refused: " + signature
                + "; the tenant's policy requires commits signed by a key the agent allows (git.signatures);"
                + " nothing was applied and what runs stays as it is"), !told);
    }

    private CommitSignature signature(String commit) {
        CommitSignature signature = signatures.computeIfAbsent(commit, c -> source.signature(c, policy));
        if (signatures.size() > REMEMBERED) {
            signatures.keySet().removeIf(c -> !c.equals(commit));
        }
        return signature;
    }
}
