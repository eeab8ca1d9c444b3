package io.mooring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import io.mooring.config.AcmeConfig;
import io.mooring.config.AgentConfig;
import io.mooring.config.ApiConfig;
import io.mooring.config.BackupConfig;
import io.mooring.config.GitConfig;
import io.mooring.config.GuardrailsConfig;
import io.mooring.config.ClusterConfig;
import io.mooring.config.NetworksConfig;
import io.mooring.config.SecretsConfig;
import io.mooring.config.CertificatesConfig;
import io.mooring.config.CommitStatusConfig;
import io.mooring.config.RolloutConfig;
import io.mooring.config.NotificationsConfig;
import io.mooring.config.WebhooksConfig;
import io.mooring.wiring.Wiring;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The agent's configuration file: which repository, which node this is, how often, where state lives. */
public class MooringConfiguration extends Configuration implements AgentConfig {
    @NotEmpty
    @JsonProperty
    private String repo;

    @JsonProperty
    private String ref;

    @NotEmpty
    @JsonProperty
    private String node = defaultNode();

    @NotNull
    @JsonProperty
    private List<String> tenants = List.of();

    /** Below a second, passes would run back to back and keep the engine and the Git server busy. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration interval = Duration.seconds(30);

    /** A container needs at least a moment to start; a shorter gate would put every new one back. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration healthTimeout = Duration.seconds(60);

    @NotEmpty
    @JsonProperty
    private String dockerHost = "unix:///var/run/docker.sock";

    @NotEmpty
    @JsonProperty
    private String home = "/var/lib/mooring";

    /** Not a setting: the file the command read this from, never mountable by a tenant (see AgentParts.guardrails). */
    private Path configurationFile;

    /** The state database; an embedded H2 file under {@code home} unless set. */
    @Valid
    @JsonProperty
    private DataSourceFactory database;

    @Valid
    @NotNull
    @JsonProperty
    private GuardrailsConfig guardrails = new GuardrailsConfig();

    @Valid
    @NotNull
    @JsonProperty
    private RolloutConfig rollout = new RolloutConfig();

    @Valid
    @NotNull
    @JsonProperty
    private ApiConfig api = new ApiConfig();

    @Valid
    @NotNull
    @JsonProperty
    private GitConfig git = new GitConfig();

    @Valid
    @NotNull
    @JsonProperty
    private WebhooksConfig webhooks = new WebhooksConfig();

    @Valid
    @NotNull
    @JsonProperty
    private NotificationsConfig notifications = new NotificationsConfig();

    @Valid
    @NotNull
    @JsonProperty
    private BackupConfig backup = new BackupConfig();

    @Valid
    @NotNull
    @JsonProperty
    private NetworksConfig networks = new NetworksConfig();

    @Valid
    @NotNull
    @JsonProperty
    private ClusterConfig cluster = new ClusterConfig();

    @Valid
    @NotNull
    @JsonProperty
    private SecretsConfig secrets = new SecretsConfig();

    @Valid
    @NotNull
    @JsonProperty
    private CertificatesConfig certificates = new CertificatesConfig();

    @Valid
    @NotNull
    @JsonProperty
    private AcmeConfig acme = new AcmeConfig();

    @Valid
    @NotNull
    @JsonProperty
    private CommitStatusConfig commitStatus = new CommitStatusConfig();

    @Override
    public String getRepo() {
        return repo;
    }

    @Override
    public String getRef() {
        return ref;
    }

    @Override
    public String getNode() {
        return node;
    }

    @Override
    public List<String> getTenants() {
        return tenants;
    }

    @Override
    public Duration getInterval() {
        return interval;
    }

    @Override
    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    @Override
    public String getDockerHost() {
        return dockerHost;
    }

    @Override
    public Optional<Path> configurationFile() {
        return Optional.ofNullable(configurationFile);
    }

    @Override
    public void readFrom(Path file) {
        this.configurationFile = file;
    }

    @Override
    public String getHome() {
        return home;
    }

    public DataSourceFactory getDatabase() {
        if (database == null) {
            database = Wiring.embeddedDatabase(Path.of(home));
        }
        return database;
    }

    @Override
    public GuardrailsConfig getGuardrails() {
        return guardrails;
    }

    @Override
    public RolloutConfig getRollout() {
        return rollout;
    }

    @Override
    public ApiConfig getApi() {
        return api;
    }

    @Override
    public GitConfig getGit() {
        return git;
    }

    @Override
    public WebhooksConfig getWebhooks() {
        return webhooks;
    }

    public NotificationsConfig getNotifications() {
        return notifications;
    }

    @Override
    public BackupConfig getBackup() {
        return backup;
    }

    @Override
    public NetworksConfig getNetworks() {
        return networks;
    }

    @Override
    public ClusterConfig getCluster() {
        return cluster;
    }

    @Override
    public SecretsConfig getSecrets() {
        return secrets;
    }

    @Override
    public CertificatesConfig getCertificates() {
        return certificates;
    }

    @Override
    public AcmeConfig getAcme() {
        return acme;
    }

    public CommitStatusConfig getCommitStatus() {
        return commitStatus;
    }

    /** A Git host's API and repository are set, or derived from a github.com or gitlab.com {@code repo}. */
    @ValidationMethod(message = "commitStatus.api and commitStatus.repository must be set: they are derived only from a repo on"
            + " github.com (provider github) or gitlab.com (provider gitlab)")
    public boolean isCommitStatusHostKnown() {
        return commitStatus == null || !commitStatus.enabled() || (commitStatus.api(repo).isPresent() && commitStatus.repository(repo).isPresent());
    }

    /** The ACME account key and the certificates issued are kept encrypted to the agent's own identity: it needs one. */
    @ValidationMethod(message = "acme.directory is set but secrets.ageIdentityFile is not: the ACME account key and the certificates"
            + " issued are kept encrypted to the agent's own age identity; make one with `age-keygen -o /etc/mooring/age.key`"
            + " (mode 0600) and set secrets.ageIdentityFile to it")
    public boolean isAcmeKeptEncrypted() {
        String identity = secrets == null ? null : secrets.getAgeIdentityFile();
        return acme == null || !acme.enabled() || (identity != null && !identity.isBlank());
    }

    private static String defaultNode() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
