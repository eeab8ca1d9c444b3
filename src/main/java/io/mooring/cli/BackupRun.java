package io.mooring.cli;

import io.mooring.backup.Manifest;
import io.mooring.reconcile.TenantBackups;
import java.io.IOException;

/** {@code mooring backup run}: a backup now, then the retention applied to the tenant's backups from this node. */
final class BackupRun extends BackupVerb {
    BackupRun() {
        super("run", "make a backup now: the dump and the folders, then the manifest");
    }

    @Override
    void run(TenantBackups.Context context, BackupCommand.Options options) throws IOException {
        Manifest backup = context.backups().run(context.job());
        System.out.println("backup " + backup.id() + " of tenant " + backup.tenant() + " from node " + backup.node() + " in "
                + context.backups().where() + ": " + describe(backup));
        try {
            for (Manifest old : context.backups().prune(backup.tenant(), backup.node(), context.settings().retention())) {
                System.out.println("removed " + old.id() + " (retention " + context.settings().retention() + ")");
            }
        } catch (IOException | RuntimeException e) {
            // The backup is made and stays: a retention that could not be applied is the next backup's to apply.
            System.err.println("mooring: backup " + backup.id() + " is made, but older backups were not pruned: " + e.getMessage());
        }
    }
}
