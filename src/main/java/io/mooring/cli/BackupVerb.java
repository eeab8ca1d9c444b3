package io.mooring.cli;

import io.mooring.backup.Manifest;
import io.mooring.reconcile.TenantBackups;
import java.io.IOException;
import net.sourceforge.argparse4j.inf.Subparser;

/** One verb of {@code mooring backup}: its name, its help, its own options and what it does with a tenant's backups. */
abstract class BackupVerb {
    private final String name;
    private final String help;

    BackupVerb(String name, String help) {
        this.name = name;
        this.help = help;
    }

    final String name() {
        return name;
    }

    final String help() {
        return help;
    }

    /** The verb's own options, after those every verb takes. */
    void configure(Subparser parser) {
    }

    /** Refuses options that do not go together for this verb, as a {@link UsageError}. */
    void check(BackupCommand.Options options) {
    }

    abstract void run(TenantBackups.Context context, BackupCommand.Options options) throws IOException;

    static String describe(Manifest backup) {
        return String.join(", ", backup.objects().stream().map(i -> i.name() + " " + i.bytes() + " bytes").toList())
                + (backup.encrypted() ? ", encrypted" : "");
    }
}
