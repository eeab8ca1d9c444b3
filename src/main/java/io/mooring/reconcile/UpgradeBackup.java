package io.mooring.reconcile;

import io.mooring.backup.Manifest;
import io.mooring.model.Guardrails;
import io.mooring.model.DesiredState;
import io.mooring.model.TenantConfig;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import io.mooring.plan.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The backup a tenant asks for before an upgrade ({@code x-mooring.backup.before_upgrade}): made, and pruned
 * by retention, before any container of the tenant is replaced or removed; the upgrade waits for it, and does
 * not happen if it fails.
 */
final class UpgradeBackup {
    private UpgradeBackup() {
    }

    /** Whether the plan replaces or removes something by the revision's doing, and the tenant wants a backup first. */
    static boolean needed(TenantConfig config, Plan plan) {
        return config.backup().beforeUpgrade() && plan.changes().stream().anyMatch(a -> a.reason().kind() == Reason.Kind.CHANGE
                && (a instanceof Action.Replace || a instanceof Action.Remove));
    }

    /** The backup's id, or what went wrong as an {@link IOException} or {@link IllegalArgumentException}. */
    static String make(TenantBackups backups, TenantConfig config, DesiredState desired, Guardrails guardrails) throws IOException {
        return make(backups, config, desired, guardrails, io.mooring.backup.CommitCheck.ALWAYS);
    }

    /**
     * As {@link #make(TenantBackups, TenantConfig, DesiredState, Guardrails)}, its manifest written only if {@code check} lets
     * it; old backups that cannot be pruned afterwards are logged, and the backup stands.
     */
    static String make(TenantBackups backups, TenantConfig config, DesiredState desired, Guardrails guardrails,
                       io.mooring.backup.CommitCheck check) throws IOException {
        return backups.observed(config, desired.node(), () -> {
            try (TenantBackups.Context context = backups.context(config, desired, guardrails)) {
                Manifest backup = context.backups().run(context.job(), check);
                context.prune();
                return backup;
            }
        }).id();
    }

    /** Empty when the upgrade may go on (backed up, or no backup asked for); else why it waits. */
    static Optional<String> first(TenantBackups backups, TenantConfig config, DesiredState desired, Plan plan, Guardrails guardrails,
                                  List<String> notes) {
        if (!needed(config, plan)) {
            return Optional.empty();
        }
        try {
            notes.add("backup " + make(backups, config, desired, guardrails) + " made before the upgrade");
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("the backup tenant " + config.tenant() + " asks for before an upgrade failed (" + e.getMessage()
                    + "); nothing was changed, and the next pass tries again");
        }
    }
}
