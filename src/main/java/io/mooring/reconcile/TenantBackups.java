package io.mooring.reconcile;

import io.mooring.backup.BackupTarget;
import io.mooring.backup.Backups;
import io.mooring.backup.BucketSettings;
import io.mooring.backup.LocalDirectoryTarget;
import io.mooring.backup.PgConnection;
import io.mooring.backup.Manifest;
import io.mooring.model.AgentEvents;
import io.mooring.model.BackupEvent;
import io.mooring.model.BackupSettings;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import io.mooring.render.Renderer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a tenant's backups on one node are, from its inventory and components.yml at a revision: the bucket
 * ({@code bucket_url}, {@code bucket_name}, {@code bucket_access_key}, {@code bucket_secret_key},
 * {@code bucket_region}) or, without one, the agent's backup folder; the database (dumped on the node that
 * runs the postgresql component, or, for a managed one set by {@code postgres_host}, on the inventory's
 * first host by name); and the folders, each of which must be one the host allows (guardrails.bindMounts).
 */
public final class TenantBackups {
    /** The inventory variables backups read, their Jinja ({{ hostvars[...] }}, ...) filled in first. */
    private static final List<String> VARIABLES = List.of("postgres_host", "postgres_port", "postgres_database", "postgres_user",
            "postgres_password", "postgres_ssl", "omni_ip_lan", "bucket_url", "bucket_name", "bucket_region", "bucket_access_key",
            "bucket_secret_key");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenantBackups.class);
    private final Function<BucketSettings, BackupTarget> buckets;
    private final Options options;
    private final Clock clock;
    private final AgentEvents events;

    /**
     * The agent's side of backups: the folder used without a bucket (or, when set, its own bucket), the key prefix,
     * the upload part size and S3 addressing.
     */
    public record Options(Path localDirectory, String prefix, int partSizeBytes, boolean pathStyle, boolean checksumsWhenRequired,
                          Optional<BucketSettings> bucket, Duration dumpTimeout) {
        public static final String DEFAULT_PREFIX = "mooring";

        public Options(Path localDirectory, String prefix, int partSizeBytes, boolean pathStyle, boolean checksumsWhenRequired) {
            this(localDirectory, prefix, partSizeBytes, pathStyle, checksumsWhenRequired, Optional.empty(), Backups.DEFAULT_DUMP_TIMEOUT);
        }
    }

    /** One tenant's backups on one node: where they go, what the next one holds, the tenant's database and settings. */
    public record Context(Backups backups, Backups.Job job, PgConnection database, BackupSettings settings) implements AutoCloseable {
        /**
         * Removes the backups the tenant's retention no longer keeps, after one was made: a failure is logged and returned as a
         * note (the backup stands, and the next one prunes again), never thrown.
         */
        public Optional<String> prune() {
            try {
                backups.prune(job.tenant(), job.node(), settings.retention());
                return Optional.empty();
            } catch (java.io.IOException | RuntimeException e) {
                String note = "old backups of tenant " + job.tenant() + " under node " + job.node() + " were not pruned ("
                        + e.getMessage() + "); the next backup prunes them";
                LOG.warn("{}", note);
                return Optional.of(note);
            }
        }

        @Override
        public void close() {
            backups.close();
        }
    }

    public TenantBackups(Function<BucketSettings, BackupTarget> buckets, Options options, Clock clock) {
        this(buckets, options, clock, AgentEvents.NONE);
    }

    private TenantBackups(Function<BucketSettings, BackupTarget> buckets, Options options, Clock clock, AgentEvents events) {
        this.buckets = buckets;
        this.options = options;
        this.clock = clock;
        this.events = events;
    }

    /** The same backups, each one's end (made or failed, how long, how big) told to {@code listeners}. */
    public TenantBackups telling(AgentEvents listeners) {
        return new TenantBackups(buckets, options, clock, listeners);
    }

    /**
     * A backup of the tenant's, kept under {@code node}, made by {@code made}: its end told to the listeners (why it failed
     * with the values of the tenant's secret variables redacted), and returned.
     */
    Manifest observed(TenantConfig config, String node, Made made) throws IOException {
        long begun = System.nanoTime();
        try {
            Manifest manifest = made.make();
            events.backupEnded(new BackupEvent(config.tenant(), node, Duration.ofNanos(System.nanoTime() - begun), manifest.bytes(),
                    Optional.empty(), clock.instant()));
            return manifest;
        } catch (IOException | RuntimeException e) {
            String why = io.mooring.model.Redactions.of(config.inventory()).apply(String.valueOf(e.getMessage()));
            events.backupEnded(new BackupEvent(config.tenant(), node, Duration.ofNanos(System.nanoTime() - begun), 0, Optional.of(why),
                    clock.instant()));
            throw e;
        }
    }

    /** What makes one backup. */
    interface Made {
        Manifest make() throws IOException;
    }

    /**
     * For a revision not yet rendered for this node (the command line): it is rendered only when that decides whether
     * the database is dumped here, so that listing or restoring backups does not depend on the tenant's containers.
     */
    public Context context(TenantConfig config, String node, Revision revision, Guardrails guardrails) {
        return context(config, node, revision, () -> Renderer.render(config, node, revision, guardrails), guardrails);
    }

    /** For a revision the pass has rendered for this node: the database is dumped here when this node runs postgresql. */
    public Context context(TenantConfig config, DesiredState desired, Guardrails guardrails) {
        return context(config, desired.node(), desired.revision(), () -> desired, guardrails);
    }

    /**
     * The scheduled backup of a tenant's managed database, a singleton job made by the cluster's leader {@code runner}:
     * kept under the tenant's first host by name, where it always was (so that listing and restoring are unchanged),
     * with the dump; with the folders only when the leader is that host, since they are on its disk.
     */
    public Context managed(TenantConfig config, String runner, Revision revision, Guardrails guardrails) {
        String first = backupNode(config);
        Context context = context(config, first, revision, () -> {
            throw new IllegalStateException("a managed database is dumped without rendering");
        }, guardrails);
        if (runner.equals(first)) {
            return context;
        }
        Backups.Job job = context.job();
        return new Context(context.backups(), new Backups.Job(job.tenant(), job.node(), job.revision(), job.database(), List.of(),
                job.recipients(), job.compression()), context.database(), context.settings());
    }

    /**
     * The scheduled backup of the database of {@code node}, which is down, made by the cluster's leader standing in for it:
     * kept under {@code node}, where its own backups are, with the dump alone (its folders are on its disk).
     */
    public Context standIn(TenantConfig config, String node, Revision revision, Guardrails guardrails) {
        Context context = context(config, node, revision, guardrails);
        Backups.Job job = context.job();
        if (job.database().isEmpty()) {
            context.close();
            throw new IllegalArgumentException("node '" + node + "' does not run tenant " + config.tenant() + "'s postgresql at revision "
                    + revision.commit());
        }
        return new Context(context.backups(), new Backups.Job(job.tenant(), job.node(), job.revision(), job.database(), List.of(),
                job.recipients(), job.compression()), context.database(), context.settings());
    }

    /**
     * The host that runs the tenant's postgresql component and so dumps its database (the first by name), when the tenant's
     * backups hold its database and it is not a managed one.
     */
    public static Optional<String> databaseNode(TenantConfig config) {
        if (!config.backup().database()) {
            return Optional.empty();
        }
        return io.mooring.render.Placement.of(config).hostsOf("postgresql").stream().map(Host::name)
                .filter(name -> !managedDatabase(config, name)).findFirst();
    }

    /** The address the inventory publishes {@code node}'s postgresql on ({@code omni_ip_lan}); empty when it gives none. */
    public static Optional<String> publishedAddress(TenantConfig config, String node) {
        return Optional.ofNullable(filled(config, node).vars().get("omni_ip_lan")).filter(a -> !a.isBlank());
    }

    /** Whether the tenant's scheduled backups on {@code node} dump a managed database ({@code postgres_host} set). */
    public static boolean managedDatabase(TenantConfig config, String node) {
        return config.backup().database() && filled(config, node).vars().containsKey("postgres_host");
    }

    /**
     * Whether a managed database's scheduled dump may be made by whichever node leads: the tenant's backups go to its
     * own bucket (set on its first host: every node reaches it, and the first host lists the backups there) and name
     * no folders (those are on the first host's disk, and would be a second run under the same name, each clearing
     * the other's unfinished objects). Otherwise the first host keeps making it, leader or not.
     */
    public static boolean movable(TenantConfig config) {
        String first = backupNode(config);
        if (!managedDatabase(config, first) || !config.backup().folders().isEmpty()) {
            return false;
        }
        return tenantBucket(config, first);
    }

    /** Whether the tenant's backups from {@code node} go to the tenant's own bucket (which every node reaches). */
    public static boolean tenantBucket(TenantConfig config, String node) {
        Map<String, String> vars = filled(config, node).vars();
        return !vars.getOrDefault("bucket_url", "").isBlank() || !vars.getOrDefault("bucket_name", "").isBlank();
    }

    /** The host under which a managed database's backups are kept: the inventory's first host by name. */
    public static String backupNode(TenantConfig config) {
        return config.inventory().hostMap().keySet().iterator().next();
    }

    private static Host filled(TenantConfig config, String node) {
        Host written = config.inventory().host(node).orElseThrow(() -> new IllegalArgumentException("node '" + node
                + "' is not a host of tenant '" + config.tenant() + "'; its hosts are " + config.inventory().hostMap().keySet()));
        try {
            return Renderer.withValues(config.inventory(), written, VARIABLES);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private Context context(TenantConfig config, String node, Revision revision, Supplier<DesiredState> desired, Guardrails guardrails) {
        Host host = filled(config, node);
        Map<String, String> vars = host.vars();
        BackupSettings settings = config.backup();
        List<String> problems = new ArrayList<>();
        for (String folder : settings.folders()) {
            String problem = guardrails.checkBind(config.tenant(), folder);
            if (problem != null) {
                problems.add("backup folder " + folder + ": " + problem.replace("bind mount", "backup"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        PgConnection database = PgConnection.of(host);
        boolean dumpHere = settings.database() && (vars.containsKey("postgres_host")
                ? backupNode(config).equals(node)
                : desired.get().containers().stream().map(DesiredContainer::component).anyMatch("postgresql"::equals));
        Backups.Job job = new Backups.Job(config.tenant(), node, revision.commit(), dumpHere ? Optional.of(database) : Optional.empty(),
                settings.folders(), settings.ageRecipients(), settings.compression());
        return new Context(new Backups(target(vars), options.prefix(), clock, options.dumpTimeout()), job, database, settings);
    }

    private BackupTarget target(Map<String, String> vars) {
        String url = vars.getOrDefault("bucket_url", "");
        String name = vars.getOrDefault("bucket_name", "");
        if (url.isBlank() && name.isBlank()) {
            return options.bucket().map(buckets).orElseGet(() -> new LocalDirectoryTarget(options.localDirectory()));
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("bucket_url is set but bucket_name is not: the inventory must name the bucket");
        }
        return buckets.apply(new BucketSettings(url, name, vars.getOrDefault("bucket_region", "us-east-1"),
                vars.getOrDefault("bucket_access_key", ""), vars.getOrDefault("bucket_secret_key", ""), options.pathStyle(),
                options.checksumsWhenRequired(), options.partSizeBytes()));
    }
}
