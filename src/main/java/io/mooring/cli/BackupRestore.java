package io.mooring.cli;

import io.mooring.backup.Backups;
import io.mooring.backup.Manifest;
import io.mooring.reconcile.TenantBackups;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code mooring backup restore}: a backup's dump and folders, over the tenant's own or into a new database and folder. */
final class BackupRestore extends BackupVerb {
    BackupRestore() {
        super("restore", "restore a backup's dump and folders (--folders-into DIR or --in-place), after checking every object and entry");
    }

    @Override
    void configure(Subparser parser) {
        parser.addArgument("--backup").required(true).help("the backup's id (the first word of its line in list)");
        parser.addArgument("--into-database").help("restore the dump into this new database instead of over the tenant's own");
        parser.addArgument("--folders-into").metavar("DIR").help("restore the folders under DIR, a new or empty folder, each at its"
                + " original path below it; this or --in-place is required");
        parser.addArgument("--in-place").action(Arguments.storeTrue()).help("restore the folders over their original paths"
                + " (only those the tenant's x-mooring.backup.folders still names); this or --folders-into is required");
    }

    /** Where the folders go is always said: a restore over the live folders is never what a missing option meant. */
    @Override
    void check(BackupCommand.Options options) {
        if (options.inPlace() == (options.foldersInto() != null)) {
            throw new UsageError("mooring backup restore: say where the folders go, either --folders-into DIR (a new or empty"
                    + " folder) or --in-place (over their original paths); " + (options.inPlace() ? "not both" : "neither was given"));
        }
    }

    @Override
    void run(TenantBackups.Context context, BackupCommand.Options options) throws IOException {
        Manifest backup = context.backups().find(context.job().tenant(), context.job().node(), options.backup());
        String into = options.intoDatabase();
        Optional<Path> folders = options.inPlace() ? Optional.empty() : Optional.of(Path.of(options.foldersInto()));
        context.backups().restore(backup, new Backups.Restore(into == null ? context.database() : context.database().withDatabase(into),
                into != null, folders, context.job().folders(), context.settings().ageRecipients(), options.identity()));
        System.out.println("restored backup " + backup.id() + " (" + describe(backup) + ")" + (into == null ? "" : " into database " + into));
    }
}
