package io.mooring.wiring;

import io.dropwizard.db.DataSourceFactory;
import io.mooring.backup.BackupTarget;
import io.mooring.backup.BucketSettings;
import io.mooring.backup.s3.S3BackupTarget;
import io.mooring.engine.Engine;
import io.mooring.engine.FileFolder;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.source.GitCredentials;
import io.mooring.source.GitSource;
import io.mooring.source.TenantRevert;
import io.mooring.source.jgit.JGitPreparation;
import io.mooring.source.jgit.JGitSource;
import io.mooring.source.jgit.JGitTenantRevert;
import io.mooring.state.Leadership;
import io.mooring.state.SingletonRuns;
import io.mooring.state.jdbi.EmbeddedPool;
import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.state.jdbi.JdbiSingletonRuns;
import io.mooring.state.jdbi.JdbiStateStore;
import io.mooring.model.RegistryCredentials;
import io.mooring.model.SubnetPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/** The adapters, built one way for the agent and the command line alike. */
public final class Wiring {
    private Wiring() {
    }

    /** Git's adapter made ready on a thread of its own, for a command about to open a repository. */
    public static void prepareSource() {
        JGitPreparation.start();
    }

    public static GitSource source(String repo, Path home) {
        return new JGitSource(repo, home);
    }

    public static GitSource source(String repo, Path home, GitCredentials credentials, int depth) {
        return new JGitSource(repo, home, credentials, depth);
    }

    /** A Git repository on this machine, read in place (no mirror, no fetch), for reviewing its revisions. */
    public static GitSource localSource(Path repository) {
        return JGitSource.local(repository);
    }

    /** A bucket for backups, through the AWS SDK. */
    public static BackupTarget bucket(BucketSettings settings) {
        return new S3BackupTarget(settings);
    }

    /** A bucket for backups whose every upload call ends within {@code uploadTimeout}. */
    public static BackupTarget bucket(BucketSettings settings, Duration uploadTimeout) {
        return new S3BackupTarget(settings, uploadTimeout);
    }

    public static TenantRevert revert(String repo, GitCredentials credentials) {
        return new JGitTenantRevert(repo, credentials);
    }


    public static Engine engine(String dockerHost, List<RegistryCredentials> credentials) {
        return new DockerEngine(dockerHost, credentials);
    }

    /** The engine, with every pull given up after {@code pullTimeout}. */
    public static Engine engine(String dockerHost, List<RegistryCredentials> credentials, Duration pullTimeout) {
        return new DockerEngine(dockerHost, credentials, pullTimeout);
    }

    /** The engine, tenants' networks given subnets from {@code subnets} when set, else from Docker's default pools. */
    public static Engine engine(String dockerHost, List<RegistryCredentials> credentials, Duration pullTimeout,
                                Optional<SubnetPool> subnets) {
        return new DockerEngine(dockerHost, credentials, pullTimeout, subnets);
    }

    /** The same, the tenants' secrets and configs kept in {@code filesDir} (checked now: a private folder on a tmpfs). */
    public static Engine engine(String dockerHost, List<RegistryCredentials> credentials, Duration pullTimeout,
                                Optional<SubnetPool> subnets, Path filesDir) {
        FileFolder files = new FileFolder(filesDir);
        files.check();
        return engine(dockerHost, credentials, pullTimeout, subnets, files);
    }

    /** The same, {@code files} checked only when a container's secrets are first delivered (the command line's plan needs none). */
    public static Engine engine(String dockerHost, List<RegistryCredentials> credentials, Duration pullTimeout,
                                Optional<SubnetPool> subnets, FileFolder files) {
        return new DockerEngine(dockerHost, credentials, pullTimeout, subnets, files);
    }

    /**
     * The default state database: an H2 file in the agent's home folder. Each write is on disk when it returns (the
     * store's {@code CHECKPOINT}), so H2's background writer only tidies the file: it looks every 10 s / 3 instead of
     * every 500 ms / 3, a tenth of an idle agent's CPU in wake-ups. Its connections are in this process and never go
     * stale: the pool looks over its idle ones every minute instead of every 5 s.
     */
    public static DataSourceFactory embeddedDatabase(Path home) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.h2.Driver");
        factory.setUrl("jdbc:h2:file:" + home.toAbsolutePath().resolve("state") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=10000");
        factory.setUser("mooring");
        factory.setPassword("");
        factory.setValidationQuery("/* mooring health check */ SELECT 1");
        factory.setEvictionInterval(io.dropwizard.util.Duration.minutes(1));
        return factory;
    }

    /** A command's pool on the state database, and what closes it (and with it an embedded database). */
    public record CommandDatabase(DataSource dataSource, AutoCloseable pool) {
    }

    /**
     * The pool a command opens the state database with: H2's own for the embedded one ({@link EmbeddedPool}), the
     * agent's for any other, started (its connections opened).
     */
    public static CommandDatabase commandDatabase(DataSourceFactory settings) throws Exception {
        if (EmbeddedPool.serves(settings.getUrl(), settings.getProperties())) {
            EmbeddedPool pool = new EmbeddedPool(settings.getUrl(), settings.getUser(), settings.getPassword());
            return new CommandDatabase(pool.dataSource(), pool);
        }
        io.dropwizard.db.ManagedDataSource dataSource = settings.build(new com.codahale.metrics.MetricRegistry(), "state");
        try {
            dataSource.start();
        } catch (Exception e) {
            dataSource.stop();
            throw e;
        }
        return new CommandDatabase(dataSource, dataSource::stop);
    }

    /**
     * The leader election on the state database, through a connection of its own opened from the same settings
     * (PostgreSQL: an advisory lock and the lease; H2: the agent leads itself).
     */
    public static Leadership leadership(DataSourceFactory database, String node) {
        try {
            Class.forName(database.getDriverClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("database.driverClass " + database.getDriverClass() + " is not in the agent's jar", e);
        }
        Properties properties = new Properties();
        properties.putAll(database.getProperties());
        return JdbiLeadership.of(database.getUrl(), database.getUser(), database.getPassword(), properties, node);
    }

    /** The slots of singleton jobs, in the state database (migrated by {@link #store} first). */
    public static SingletonRuns singletonRuns(DataSource dataSource) {
        return JdbiSingletonRuns.on(dataSource);
    }

    /** A state store on a data source whose schema is first brought up to date. */
    public static JdbiStateStore store(DataSource dataSource) {
        return JdbiStateStore.migrated(dataSource);
    }
}
