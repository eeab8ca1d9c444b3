package io.mooring.cli;

import io.mooring.backup.Backups;
import io.mooring.backup.Manifest;
import io.mooring.reconcile.TenantBackups;
import java.io.IOException;
import java.util.List;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code mooring backup verify}: every object's SHA-256 again, and the dump restored into a scratch database. */
final class BackupVerify extends BackupVerb {
    BackupVerify() {
        super("verify", "re-check every object's SHA-256 and restore the dump into a scratch database");
    }

    @Override
    void configure(Subparser parser) {
        parser.addArgument("--backup").help("the backup's id (default: every complete backup)");
    }

    @Override
    void run(TenantBackups.Context context, BackupCommand.Options options) throws IOException {
        String tenant = context.job().tenant();
        String node = context.job().node();
        List<Manifest> backups = options.backup() != null ? List.of(context.backups().find(tenant, node, options.backup()))
                : context.backups().list(tenant, node);
        if (backups.isEmpty()) {
            throw new UserError("mooring: tenant " + tenant + " has no complete backup from node " + node + " in " + context.backups().where());
        }
        int failed = 0;
        for (Manifest backup : backups) {
            Backups.Verification result = context.backups().verify(backup, context.database(), options.identity());
            System.out.println(backup.id() + "  " + (result.ok() ? "ok: every object matches its SHA-256"
                    + (backup.objects().stream().anyMatch(i -> i.name().equals("database")) ? " and the dump restores" : "")
                    : "FAILED: " + String.join("; ", result.problems())));
            failed += result.ok() ? 0 : 1;
        }
        if (failed > 0) {
            throw new UserError("mooring: " + failed + " of " + backups.size() + " backup(s) failed verification");
        }
    }
}
