package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.Wiring;
import io.mooring.backup.Backups;
import io.mooring.backup.BucketSettings;
import io.mooring.backup.Manifest;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.Guardrails;
import io.mooring.model.InvalidConfigException;
import io.mooring.reconcile.TenantBackups;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.source.SourceException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code mooring backup run|list|restore|verify}: a tenant's backups on this node, in the bucket its inventory
 * names or, without one, in a folder. {@code list} prints one line per complete backup, its id first.
 */
public final class BackupCommand extends Command {
    public BackupCommand() {
        super("backup", "Back a tenant up (database dump and folders), list, restore or verify its backups");
    }

    @Override
    public void configure(Subparser parser) {
        Subparsers actions = parser.addSubparsers().dest("action").title("actions");
        common(actions.addParser("run").help("make a backup now: the dump and the folders, then the manifest"));
        common(actions.addParser("list").help("one line per complete backup, newest first: id, time, revision, bytes, objects"));
        Subparser restore = actions.addParser("restore").help("restore a backup's dump and folders, after checking every object");
        common(restore);
        restore.addArgument("--backup").required(true).help("the backup's id (the first word of its line in list)");
        restore.addArgument("--into-database").help("restore the dump into this new database instead of over the tenant's own");
        restore.addArgument("--folders-into").help("restore the folders under this folder instead of where they came from");
        Subparser verify = actions.addParser("verify").help("re-check every object's SHA-256 and restore the dump into a scratch database");
        common(verify);
        verify.addArgument("--backup").help("the backup's id (default: every complete backup)");
    }

    private static void common(Subparser parser) {
        LocalAgent.options(parser);
        parser.addArgument("--backup-dir").help("where backups go when the inventory names no bucket (default: HOME/backups)");
        parser.addArgument("--prefix").setDefault(TenantBackups.Options.DEFAULT_PREFIX)
                .help("the key prefix in the bucket or folder (default: " + TenantBackups.Options.DEFAULT_PREFIX + ")");
        parser.addArgument("--part-size-mib").type(Integer.class).setDefault(BucketSettings.DEFAULT_PART_SIZE >> 20)
                .help("the size of each uploaded part, which bounds the memory an upload takes (default: "
                        + (BucketSettings.DEFAULT_PART_SIZE >> 20) + ", from 5 to 1024)");
        parser.addArgument("--age-identity").help("the age identity file that decrypts an encrypted backup (restore, verify)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        int partSize = namespace.getInt("part_size_mib");
        if (partSize < BucketSettings.MIN_PART_SIZE >> 20 || partSize > BucketSettings.MAX_PART_SIZE >> 20) {
            throw new UsageError("mooring backup: --part-size-mib must be from 5 to 1024 (three parts are in memory at once)");
        }
        Path home = CommonOptions.home(namespace);
        Path directory = namespace.getString("backup_dir") != null ? Path.of(namespace.getString("backup_dir")) : home.resolve("backups");
        Guardrails guardrails = LocalAgent.guardrails(namespace);
        TenantBackups backups = new TenantBackups(Wiring::bucket, new TenantBackups.Options(directory, namespace.getString("prefix"),
                partSize << 20, true, true), Clock.systemUTC());
        String tenant = namespace.getString("tenant");
        String node = CommonOptions.node(namespace);
        Optional<Path> identity = Optional.ofNullable(namespace.getString("age_identity")).map(Path::of);
        try (GitSource source = Wiring.source(namespace.getString("repo"), home, CommonOptions.gitCredentials(namespace), 0)) {
            Checkout checkout = source.checkout(namespace.getString("ref"));
            try (TenantBackups.Context context = backups.context(TenantLoader.load(checkout.tree(), tenant), node, checkout.revision(),
                    guardrails)) {
                switch (namespace.getString("action")) {
                    case "run" -> run(context);
                    case "list" -> list(context);
                    case "restore" -> restore(context, namespace, identity);
                    default -> verify(context, namespace, identity);
                }
            }
        } catch (InvalidConfigException e) {
            throw new UserError(e.getMessage() + "\nmooring: the tenant's revision is invalid");
        } catch (SourceException e) {
            throw new UserError("mooring: " + e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            throw new UserError("mooring: " + e.getMessage());
        }
    }

    private static void run(TenantBackups.Context context) throws IOException {
        Manifest backup = context.backups().run(context.job());
        System.out.println("backup " + backup.id() + " of tenant " + backup.tenant() + " from node " + backup.node() + " in "
                + context.backups().where() + ": " + describe(backup));
        List<Manifest> removed = context.backups().prune(backup.tenant(), backup.node(), context.settings().retention());
        for (Manifest old : removed) {
            System.out.println("removed " + old.id() + " (retention " + context.settings().retention() + ")");
        }
    }

    private static void list(TenantBackups.Context context) throws IOException {
        for (Manifest backup : context.backups().list(context.job().tenant(), context.job().node())) {
            System.out.println(backup.id() + "  " + backup.created() + "  " + shortId(backup.revision()) + "  " + backup.bytes() + " bytes  "
                    + String.join(",", backup.objects().stream().map(Manifest.Item::name).toList()) + (backup.encrypted() ? "  encrypted" : ""));
        }
    }

    private static void restore(TenantBackups.Context context, Namespace namespace, Optional<Path> identity) throws IOException {
        Manifest backup = context.backups().find(context.job().tenant(), context.job().node(), namespace.getString("backup"));
        String into = namespace.getString("into_database");
        Path folders = Path.of(Optional.ofNullable(namespace.getString("folders_into")).orElse("/"));
        context.backups().restore(backup, into == null ? context.database() : context.database().withDatabase(into), into != null,
                folders, identity);
        System.out.println("restored backup " + backup.id() + " (" + describe(backup) + ")" + (into == null ? "" : " into database " + into));
    }

    private static void verify(TenantBackups.Context context, Namespace namespace, Optional<Path> identity) throws IOException {
        String id = namespace.getString("backup");
        List<Manifest> backups = id != null ? List.of(context.backups().find(context.job().tenant(), context.job().node(), id))
                : context.backups().list(context.job().tenant(), context.job().node());
        if (backups.isEmpty()) {
            throw new UserError("mooring: tenant " + context.job().tenant() + " has no complete backup from node " + context.job().node()
                    + " in " + context.backups().where());
        }
        int failed = 0;
        for (Manifest backup : backups) {
            Backups.Verification result = context.backups().verify(backup, context.database(), identity);
            System.out.println(backup.id() + "  " + (result.ok() ? "ok: every object matches its SHA-256"
                    + (backup.objects().stream().anyMatch(i -> i.name().equals("database")) ? " and the dump restores" : "")
                    : "FAILED: " + String.join("; ", result.problems())));
            failed += result.ok() ? 0 : 1;
        }
        if (failed > 0) {
            throw new UserError("mooring: " + failed + " of " + backups.size() + " backup(s) failed verification");
        }
    }

    private static String describe(Manifest backup) {
        return String.join(", ", backup.objects().stream().map(i -> i.name() + " " + i.bytes() + " bytes").toList())
                + (backup.encrypted() ? ", encrypted" : "");
    }

    private static String shortId(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        CommonOptions.onError(cli, e);
    }
}
