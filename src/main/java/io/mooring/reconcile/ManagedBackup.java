package io.mooring.reconcile;

import io.mooring.backup.Manifest;
import io.mooring.leader.Singletons;
import io.mooring.model.Guardrails;
import io.mooring.model.TenantConfig;
import io.mooring.source.Checkout;
import java.time.Instant;

/**
 * A tenant's managed database backed up as the cluster's singleton job {@code backup:<tenant>}: by the leader, once
 * per schedule slot, kept under the tenant's first host by name, its manifest written only while the leader's epoch
 * is still the lease's. A slot another node ran already is left alone.
 */
final class ManagedBackup {
    private final Singletons singletons;
    private final TenantBackups backups;
    private final Guardrails guardrails;
    private final String node;

    ManagedBackup(Singletons singletons, TenantBackups backups, Guardrails guardrails, String node) {
        this.singletons = singletons;
        this.backups = backups;
        this.guardrails = guardrails;
        this.node = node;
    }

    static String job(String tenant) {
        return "backup:" + tenant;
    }

    Singletons.Result run(TenantConfig config, Checkout checkout, Instant slot) {
        return singletons.run(job(config.tenant()), slot, fence -> {
            try (TenantBackups.Context context = backups.managed(config, node, checkout.revision(), guardrails)) {
                Manifest backup = backups.observed(config, context.job().node(), () -> context.backups().run(context.job(), fence::refusal));
                String pruned = context.prune().map(note -> "; " + note).orElse("");
                return "backup " + backup.id() + " of the managed database, kept under node " + context.job().node() + pruned;
            }
        });
    }

    boolean leads() {
        return singletons.leads();
    }
}
