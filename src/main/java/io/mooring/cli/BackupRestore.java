package io.mooring.cli;

import io.mooring.backup.Manifest;
import io.mooring.reconcile.TenantBackups;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code mooring backup restore}: a backup's dump and folders, over the tenant's own or into a new database and folder. */
final class BackupRestore extends BackupVerb {
    BackupRestore() {
        super("restore", "restore a backup's dump and folders, after checking every object");
    }

    @Override
    void configure(Subparser parser) {
        parser.addArgument("--backup").required(true).help("the backup's id (the first word of its line in list)");
        parser.addArgument("--into-database").help("restore the dump into this new database instead of over the tenant's own");
        parser.addArgument("--folders-into").help("restore the folders under this folder instead of where they came from");
    }

    @Override
    void run(TenantBackups.Context context, BackupCommand.Options options) throws IOException {
        Manifest backup = context.backups().find(context.job().tenant(), context.job().node(), options.backup());
        String into = options.intoDatabase();
        Path folders = Path.of(Optional.ofNullable(options.foldersInto()).orElse("/"));
        context.backups().restore(backup, into == null ? context.database() : context.database().withDatabase(into), into != null,
                folders, options.identity());
        System.out.println("restored backup " + backup.id() + " (" + describe(backup) + ")" + (into == null ? "" : " into database " + into));
    }
}
