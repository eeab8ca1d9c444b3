package io.mooring.config;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The agent's configuration file as the rest of Mooring reads it: the application's configuration class
 * implements it, so that the command line can use the agent's file without depending on the application.
 */
public interface AgentConfig {
    /** The config repository: a path or a URL that Git can clone. */
    String getRepo();

    /** The branch, tag or commit to follow; null means the repository's default branch. */
    String getRef();

    /** This host's name in the tenants' inventories. */
    String getNode();

    /** The tenants this agent reconciles; empty means every tenant whose inventory names this node. */
    List<String> getTenants();

    Duration getInterval();

    /** How long a new container has to become healthy before the old one is put back. */
    Duration getHealthTimeout();

    String getDockerHost();

    /** The agent's own folder: the mirror of the repository and, by default, the state database. */
    String getHome();

    /** The file this configuration was read from, once the command that read it has said so; empty until then. */
    Optional<Path> configurationFile();

    /** Tells the configuration which file it was read from (the server command and {@code --config} do). */
    void readFrom(Path file);

    /** The state database: an embedded H2 file under {@code home} unless set (PostgreSQL for a cluster). */
    DataSourceFactory getDatabase();

    GuardrailsConfig getGuardrails();

    RolloutConfig getRollout();

    ApiConfig getApi();

    GitConfig getGit();

    WebhooksConfig getWebhooks();

    BackupConfig getBackup();

    /** Where tenants' networks get their subnets. */
    NetworksConfig getNetworks();

    /** Heartbeats and the leadership of singleton jobs among the agents sharing the state database. */
    ClusterConfig getCluster();

    /** The age identity that decrypts tenants' files, and where decrypted files are kept while containers use them. */
    SecretsConfig getSecrets();

    /** The certificates the agent makes for tenants ({@code certs: selfsigned}). */
    default CertificatesConfig getCertificates() {
        return new CertificatesConfig();
    }

    /** The ACME CA that issues the certificates of tenants with {@code certs: acme}; off without its directory. */
    default AcmeConfig getAcme() {
        return new AcmeConfig();
    }
}
