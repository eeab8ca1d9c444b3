package io.mooring.cli;

import io.mooring.backup.Manifest;
import io.mooring.reconcile.TenantBackups;
import java.io.IOException;

/** {@code mooring backup list}: one line per complete backup, newest first, its id first. */
final class BackupList extends BackupVerb {
    BackupList() {
        super("list", "one line per complete backup, newest first: id, time, revision, bytes, objects");
    }

    @Override
    void run(TenantBackups.Context context, BackupCommand.Options options) throws IOException {
        for (Manifest backup : context.backups().list(context.job().tenant(), context.job().node())) {
            System.out.println(backup.id() + "  " + backup.created() + "  " + shortId(backup.revision()) + "  " + backup.bytes() + " bytes  "
                    + String.join(",", backup.objects().stream().map(Manifest.Item::name).toList()) + (backup.encrypted() ? "  encrypted" : ""));
        }
    }

    private static String shortId(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
