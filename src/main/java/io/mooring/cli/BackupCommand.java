package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.backup.BucketSettings;
import io.mooring.inventory.TenantLoader;
import io.mooring.reconcile.TenantBackups;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.Secrets;
import io.mooring.wiring.Wiring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import java.util.function.Supplier;

/**
 * {@code mooring backup run|list|restore|verify}: a tenant's backups on this node, in the bucket its inventory
 * names or, without one, in a folder. One class per verb, dispatched on the verb's name as Dropwizard's
 * {@code db} command does; this class holds what they share: the options and the tenant's backup context.
 */
public final class BackupCommand extends MooringCommand<BackupCommand.Options> {
    private final Map<String, BackupVerb> verbs = new LinkedHashMap<>();

    /** A verb's options: where the tenant is, where its backups are, and the verb's own (null where it has none). */
    record Options(AgentOptions agent, BackupVerb verb, TenantBackups.Options backups, Optional<Path> identity, String backup,
                   String intoDatabase, String foldersInto, boolean inPlace) {
    }

    public BackupCommand() {
        super("backup", "Back a tenant up (database dump and folders), list, restore or verify its backups");
        for (BackupVerb verb : List.of(new BackupRun(), new BackupList(), new BackupRestore(), new BackupVerify())) {
            verbs.put(verb.name(), verb);
        }
    }

    @Override
    public void configure(Subparser parser) {
        Subparsers actions = parser.addSubparsers().dest("action").title("actions");
        for (BackupVerb verb : verbs.values()) {
            Subparser verbParser = actions.addParser(verb.name()).help(verb.help());
            common(verbParser);
            verb.configure(verbParser);
        }
    }

    private static void common(Subparser parser) {
        AgentOptions.configure(parser, true, false);
        parser.addArgument("--backup-dir").help("where backups go when the inventory names no bucket (default: HOME/backups)");
        parser.addArgument("--prefix").setDefault(AgentParts.DEFAULT_PREFIX)
                .help("the key prefix in the bucket or folder (default: " + AgentParts.DEFAULT_PREFIX + ")");
        parser.addArgument("--part-size-mib").type(Integer.class).setDefault(BucketSettings.DEFAULT_PART_SIZE >> 20)
                .help("the size of each uploaded part, which bounds the memory an upload takes (default: "
                        + (BucketSettings.DEFAULT_PART_SIZE >> 20) + ", from 5 to 1024)");
        parser.addArgument("--age-identity").help("the age identity file that decrypts an encrypted backup (restore, verify)");
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        int partSize = namespace.getInt("part_size_mib");
        if (partSize < BucketSettings.MIN_PART_SIZE >> 20 || partSize > BucketSettings.MAX_PART_SIZE >> 20) {
            throw new UsageError("mooring backup: --part-size-mib must be from 5 to 1024 (three parts are in memory at once)");
        }
        AgentOptions agent = AgentOptions.from(bootstrap, namespace, "backup");
        String directory = namespace.getString("backup_dir");
        TenantBackups.Options backups = AgentParts.backupOptions(directory != null ? Path.of(directory) : agent.home().resolve("backups"),
                namespace.getString("prefix"), partSize << 20);
        Options options = new Options(agent, verbs.get(namespace.getString("action")), backups,
                Optional.ofNullable(namespace.getString("age_identity")).map(Path::of), namespace.getString("backup"),
                namespace.getString("into_database"), namespace.getString("folders_into"), Boolean.TRUE.equals(namespace.getBoolean("in_place")));
        options.verb().check(options);
        return options;
    }

    @Override
    protected void run(Options options) throws Exception {
        AgentOptions agent = options.agent();
        TenantBackups backups = AgentParts.backups(options.backups(), agent.backup());
        try (GitSource source = Secrets.decrypting(Wiring.source(agent.repo(), agent.home(), agent.git(), 0),
                Secrets.decryptor(agent.config()))) {
            Checkout checkout = source.checkout(agent.ref());
            try (TenantBackups.Context context = backups.context(TenantLoader.load(checkout.tree(), agent.tenant()), agent.node(),
                    checkout.revision(), agent.guardrails())) {
                options.verb().run(context, options);
            }
        }
    }

    /** A backup that cannot be found or read, or a bad argument to one, is the situation's fault, not a defect. */
    @Override
    protected Optional<RuntimeException> explain(Options options, Exception e) {
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            return Optional.of(new UserError("mooring: " + e.getMessage()));
        }
        return super.explain(options, e);
    }

    @Override
    protected String invalidRevision(Options options) {
        return "the tenant's revision is invalid";
    }
}
