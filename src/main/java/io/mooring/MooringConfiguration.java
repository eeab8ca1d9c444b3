package io.mooring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The agent's configuration file: which repository, which node this is, how often, where state lives. */
public class MooringConfiguration extends Configuration {
    @NotEmpty
    private String repo;

    private String ref;

    @NotEmpty
    private String node = defaultNode();

    @NotNull
    private List<String> tenants = List.of();

    @NotNull
    private Duration interval = Duration.seconds(30);

    @NotNull
    private Duration healthTimeout = Duration.seconds(60);

    @NotEmpty
    private String dockerHost = "unix:///var/run/docker.sock";

    @NotEmpty
    private String home = "/var/lib/mooring";

    @Valid
    private DataSourceFactory database;

    @Valid
    @NotNull
    private GuardrailsConfig guardrails = new GuardrailsConfig();

    @Valid
    @NotNull
    private RolloutConfig rollout = new RolloutConfig();

    @Valid
    @NotNull
    private ApiConfig api = new ApiConfig();

    @Valid
    @NotNull
    private GitConfig git = new GitConfig();

    @Valid
    @NotNull
    private WebhooksConfig webhooks = new WebhooksConfig();

    @Valid
    @NotNull
    private BackupConfig backup = new BackupConfig();

    /** Where backups go without a bucket, and how uploads are made. */
    @JsonProperty
    public BackupConfig getBackup() {
        return backup;
    }

    @JsonProperty
    public void setBackup(BackupConfig backup) {
        this.backup = backup;
    }

    /** The webhook endpoint's secret and body limit. */
    @JsonProperty
    public WebhooksConfig getWebhooks() {
        return webhooks;
    }

    @JsonProperty
    public void setWebhooks(WebhooksConfig webhooks) {
        this.webhooks = webhooks;
    }

    /** How the config repository is reached: credentials, shallow depth. */
    @JsonProperty
    public GitConfig getGit() {
        return git;
    }

    @JsonProperty
    public void setGit(GitConfig git) {
        this.git = git;
    }

    /** The HTTP API: the token that write requests need. */
    @JsonProperty
    public ApiConfig getApi() {
        return api;
    }

    @JsonProperty
    public void setApi(ApiConfig api) {
        this.api = api;
    }

    /** How changes reach the engine: parallelism, free disk, registry credentials and checks, resync. */
    @JsonProperty
    public RolloutConfig getRollout() {
        return rollout;
    }

    @JsonProperty
    public void setRollout(RolloutConfig rollout) {
        this.rollout = rollout;
    }

    /** What tenants' definitions may ask of this host (privileged, host namespaces, bind mounts, capabilities). */
    @JsonProperty
    public GuardrailsConfig getGuardrails() {
        return guardrails;
    }

    @JsonProperty
    public void setGuardrails(GuardrailsConfig guardrails) {
        this.guardrails = guardrails;
    }

    /** The config repository: a path or a URL that Git can clone. */
    @JsonProperty
    public String getRepo() {
        return repo;
    }

    @JsonProperty
    public void setRepo(String repo) {
        this.repo = repo;
    }

    /** The branch, tag or commit to follow; empty means the repository's default branch. */
    @JsonProperty
    public String getRef() {
        return ref;
    }

    @JsonProperty
    public void setRef(String ref) {
        this.ref = ref;
    }

    /** This host's name in the tenants' inventories; the machine's host name unless set. */
    @JsonProperty
    public String getNode() {
        return node;
    }

    @JsonProperty
    public void setNode(String node) {
        this.node = node;
    }

    /** The tenants this agent reconciles; empty means every tenant whose inventory names this node. */
    @JsonProperty
    public List<String> getTenants() {
        return tenants;
    }

    @JsonProperty
    public void setTenants(List<String> tenants) {
        this.tenants = tenants;
    }

    @JsonProperty
    public Duration getInterval() {
        return interval;
    }

    @JsonProperty
    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /** How long a new container has to become healthy before the old one is put back. */
    @JsonProperty
    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    @JsonProperty
    public void setHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = healthTimeout;
    }

    @JsonProperty
    public String getDockerHost() {
        return dockerHost;
    }

    @JsonProperty
    public void setDockerHost(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    /** The agent's own folder: the mirror of the repository and, by default, the state database. */
    @JsonProperty
    public String getHome() {
        return home;
    }

    @JsonProperty
    public void setHome(String home) {
        this.home = home;
    }

    /** The state database; an embedded H2 file under {@code home} unless set. */
    @JsonProperty
    public DataSourceFactory getDatabase() {
        if (database == null) {
            database = Wiring.embeddedDatabase(java.nio.file.Path.of(home));
        }
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    private static String defaultNode() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
