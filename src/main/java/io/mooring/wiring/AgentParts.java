package io.mooring.wiring;

import io.mooring.backup.BucketSettings;
import io.mooring.config.AgentConfig;
import io.mooring.config.BackupConfig;
import io.mooring.config.ClusterConfig;
import io.mooring.config.NetworksConfig;
import io.mooring.config.RolloutConfig;
import io.mooring.engine.Engine;
import io.mooring.model.AgentEvents;
import io.mooring.engine.FileFolder;
import io.mooring.engine.EngineLock;
import io.mooring.leader.Election;
import io.mooring.leader.HistoryPruning;
import io.mooring.leader.Singletons;
import io.mooring.model.Guardrails;
import io.mooring.model.RegistryCredentials;
import io.mooring.model.SecretSealer;
import io.mooring.reconcile.CertificateSettings;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.TenantBackups;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import io.mooring.state.Leadership;
import io.mooring.state.StateStore;
import io.mooring.state.jdbi.JdbiSharedHistory;
import io.mooring.state.jdbi.JdbiStateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The reconciler, its settings and its backups, built here alone for the agent and the command line alike:
 * when their constructors change, this is the one place that follows.
 */
public final class AgentParts {
    /** The key prefix of backups when nothing else is said, the agent's and {@code mooring backup}'s alike. */
    public static final String DEFAULT_PREFIX = TenantBackups.Options.DEFAULT_PREFIX;

    /** Where the packaged agent keeps its configuration and secret files. */
    public static final String CONFIG_FOLDER = "/etc/mooring";

    private AgentParts() {
    }

    /** What a pass may do and how: the command line's values, or the agent's through {@link #settings(AgentConfig)}. */
    public static Reconciler.Settings settings(Guardrails guardrails, Duration healthTimeout, int parallelism, long minFreeDiskBytes,
                                               Duration registryCheckInterval, SignaturePolicy signatures, Optional<AgentConfig> config) {
        return new Reconciler.Settings(guardrails, healthTimeout, parallelism, minFreeDiskBytes, registryCheckInterval, signatures,
                config.map(AgentParts::limits).orElse(Reconciler.Limits.DEFAULT))
                .withCertificates(config.map(AgentParts::certificates).orElse(CertificateSettings.DEFAULT));
    }

    /** The agent's guardrails, its own home and configuration folders never mountable whatever they allow. */
    public static Guardrails guardrails(AgentConfig config) {
        return guardrails(config.getGuardrails().toModel(), Path.of(config.getHome()), config.configurationFile(),
                Path.of(config.getSecrets().getFilesDir()));
    }

    /** As below, with the agent's folder of delivered secrets ({@code secrets.filesDir}) refused too: one tenant's are not another's. */
    public static Guardrails guardrails(Guardrails guardrails, Path home, Optional<Path> configurationFile, Path filesDir) {
        return guardrails(guardrails, home, configurationFile, List.of(filesDir));
    }

    /** As below, with the default folder of delivered secrets refused. */
    public static Guardrails guardrails(Guardrails guardrails, Path home, Optional<Path> configurationFile) {
        return guardrails(guardrails, home, configurationFile, List.of());
    }

    /**
     * These guardrails, refusing the agent's home and {@value #CONFIG_FOLDER} with all they hold, and the configuration file
     * it was started with, its folder and every folder above them: each as written and as it really is, links resolved, so
     * that neither spelling can be mounted. The configuration file's folder is refused with all it holds too, unless it is
     * a top-level shared folder such as {@code /etc} or {@code /srv} ({@code /etc/omnileads/certs} and
     * {@code /srv/mooring/acme} stay mountable when the file is {@code /etc/mooring.yml} or {@code /srv/mooring.yml}).
     */
    private static Guardrails guardrails(Guardrails guardrails, Path home, Optional<Path> configurationFile, List<Path> more) {
        Set<String> trees = new LinkedHashSet<>();
        Set<String> itself = new LinkedHashSet<>();
        trees.addAll(spellings(home));
        trees.addAll(spellings(Path.of(CONFIG_FOLDER)));
        trees.addAll(spellings(Path.of(FileFolder.DEFAULT)));
        more.forEach(folder -> trees.addAll(spellings(folder)));
        configurationFile.ifPresent(file -> {
            List<String> files = spellings(file);
            itself.addAll(files);
            // Its folder as written and as it really is, and the folder the file really is in (the file may be a link).
            Set<Path> folders = new LinkedHashSet<>();
            Optional.ofNullable(Path.of(files.get(0)).getParent()).ifPresent(p -> spellings(p).forEach(f -> folders.add(Path.of(f))));
            files.forEach(f -> Optional.ofNullable(Path.of(f).getParent()).ifPresent(folders::add));
            folders.forEach(folder -> (folder.getNameCount() >= 2 ? trees : itself).add(folder.toString()));
        });
        return guardrails.withAgentFolders(List.copyOf(trees), List.copyOf(itself));
    }

    /** A file or folder as written (absolute) and, when it exists, as it really is. */
    private static List<String> spellings(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            return List.of(absolute.toString(), absolute.toRealPath().toString());
        } catch (IOException e) {
            return List.of(absolute.toString());
        }
    }

    /** The agent's settings: its guardrails, health timeout, rollout block (limits included) and signature policy. */
    public static Reconciler.Settings settings(AgentConfig config) {
        RolloutConfig rollout = config.getRollout();
        return new Reconciler.Settings(guardrails(config), config.getHealthTimeout().toJavaDuration(), rollout.getParallelism(),
                rollout.getMinFreeDisk().toBytes(), rollout.getRegistryCheckInterval().toJavaDuration(),
                ConfigBlocks.signatures(config.getGit().getSignatures()), limits(config)).withCertificates(certificates(config));
    }

    /** The certificates' lifetime, sealed to the agent's own identity, and the ACME client of its {@code acme:} block, if on. */
    private static CertificateSettings certificates(AgentConfig config) {
        SecretSealer sealer = Secrets.sealer(Optional.of(config));
        return new CertificateSettings(config.getCertificates().getLifetime().toJavaDuration(), sealer,
                AcmeCertificates.of(config.getAcme(), sealer, Path.of(config.getHome())))
                .keptIn(Path.of(config.getSecrets().getFilesDir()));
    }

    /** What the agent's file bounds, which the command line keeps when it is given the file. */
    private static Reconciler.Limits limits(AgentConfig config) {
        RolloutConfig rollout = config.getRollout();
        return new Reconciler.Limits(rollout.getTenantParallelism(), rollout.getMaxHookTimeout().toJavaDuration(),
                rollout.getPassTimeout().toJavaDuration());
    }

    /** A tenant's backups, to a bucket through the AWS SDK or to a folder. */
    public static TenantBackups backups(TenantBackups.Options options) {
        return new TenantBackups(Wiring::bucket, options, Clock.systemUTC());
    }

    /** A tenant's backups, each upload call to a bucket ended after the agent's {@code backup.uploadTimeout}. */
    public static TenantBackups backups(TenantBackups.Options options, BackupConfig backup) {
        Duration uploadTimeout = backup.getUploadTimeout().toJavaDuration();
        return new TenantBackups(settings -> Wiring.bucket(settings, uploadTimeout), options, Clock.systemUTC());
    }

    /** The engine with the agent's {@code rollout.pullTimeout}, {@code networks.pool} and {@code secrets.filesDir} (checked). */
    public static Engine engine(AgentConfig config) {
        return Wiring.engine(config.getDockerHost(), config.getRollout().credentials(), config.getRollout().getPullTimeout().toJavaDuration(),
                config.getNetworks().subnets(), Path.of(config.getSecrets().getFilesDir()));
    }

    /** The engine at {@code dockerHost} with these credentials, the rollout block's pull timeout and the networks block's pool. */
    public static Engine engine(String dockerHost, List<RegistryCredentials> credentials, RolloutConfig rollout, NetworksConfig networks) {
        return Wiring.engine(dockerHost, credentials, rollout.getPullTimeout().toJavaDuration(), networks.subnets());
    }

    /** The same, the tenants' secrets and configs kept in {@code filesDir} (checked once a file is delivered). */
    public static Engine engine(String dockerHost, List<RegistryCredentials> credentials, RolloutConfig rollout, NetworksConfig networks,
                                Path filesDir) {
        return Wiring.engine(dockerHost, credentials, rollout.getPullTimeout().toJavaDuration(), networks.subnets(),
                new FileFolder(filesDir));
    }

    /** Where and how backups go without the agent's configuration: a folder, or the bucket a tenant's inventory names. */
    public static TenantBackups.Options backupOptions(Path directory, String prefix, int partSizeBytes) {
        return new TenantBackups.Options(directory, prefix, partSizeBytes, true, true);
    }

    /** The agent's {@code backup:} block; the folder defaults to HOME/backups. */
    public static TenantBackups.Options backupOptions(BackupConfig backup, Path home) {
        int part = (int) backup.getPartSize().toBytes();
        Optional<BucketSettings> own = ConfigBlocks.bucket(backup);
        Path directory = backup.getDirectory() == null ? home.resolve("backups") : Path.of(backup.getDirectory());
        return new TenantBackups.Options(directory, backup.getPrefix(), part, backup.isPathStyle(), backup.isChecksumsWhenRequired(), own,
                backup.getDumpTimeout().toJavaDuration());
    }

    /** One reconciler, of the agent or of {@code apply} and {@code plan}, acting on the engine at {@code dockerHost} alone. */
    public static Reconciler reconciler(GitSource source, Engine engine, String dockerHost, StateStore store, String node,
                                        Reconciler.Settings settings, TenantBackups backups) {
        return reconciler(source, engine, dockerHost, store, node, settings, backups, AgentEvents.NONE);
    }

    /** As above, each recorded pass and fetch told to {@code events} (and each backup, when {@code backups} tell them). */
    public static Reconciler reconciler(GitSource source, Engine engine, String dockerHost, StateStore store, String node,
                                        Reconciler.Settings settings, TenantBackups backups, AgentEvents events) {
        return new Reconciler(new Reconciler.Ports(source, engine, store, Optional.of(backups),
                Optional.of(EngineLock.forEngine(dockerHost)), events), node, Clock.systemUTC(), settings);
    }

    /** The agent's leader election for singleton jobs, with {@link #electionTimings}. */
    public static Election election(Leadership leadership, AgentConfig config) {
        return new Election(leadership, config.getNode(), electionTimings(config.getDatabase().getUrl(), config.getCluster()));
    }

    /**
     * The {@code cluster:} block's timings on a shared database. On a database of this agent's alone (H2, the
     * default: only PostgreSQL is shared) no other node can take the lease, and a restarted agent takes its own back at
     * once: it is renewed every minute instead, rather than written (and synced to disk) every few seconds for nothing.
     */
    static Election.Timings electionTimings(String databaseUrl, ClusterConfig cluster) {
        if (!sharedDatabase(databaseUrl)) {
            return new Election.Timings(Duration.ofMinutes(10), Duration.ofMinutes(9), Duration.ofMinutes(1));
        }
        return new Election.Timings(cluster.getLeaseDuration().toJavaDuration(), cluster.getRenewDeadline().toJavaDuration(),
                cluster.getRetryPeriod().toJavaDuration());
    }

    /** Whether other agents may use this state database too: PostgreSQL; H2 is one agent's own. */
    static boolean sharedDatabase(String databaseUrl) {
        return databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:");
    }

    /**
     * The singleton jobs the backup scheduler takes part in: only on a shared PostgreSQL state database. On H2 (the
     * default, one database per agent) every agent leads itself, so each would back up every managed database of the
     * fleet under the same first host: there the first host keeps its backups as it always did, and nothing else does.
     */
    public static Optional<Singletons> clusterBackups(String databaseUrl, Singletons singletons) {
        return sharedDatabase(databaseUrl) ? Optional.of(singletons) : Optional.empty();
    }

    /** The leader's hourly pruning of the shared history, looked at every minute. */
    public static HistoryPruning historyPruning(Singletons singletons, javax.sql.DataSource dataSource) {
        return new HistoryPruning(singletons, JdbiSharedHistory.on(dataSource), Wiring.singletonRuns(dataSource), JdbiStateStore.DEFAULT_KEEP,
                Clock.systemUTC(), Duration.ofMinutes(1));
    }
}
