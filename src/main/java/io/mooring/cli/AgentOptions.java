package io.mooring.cli;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.backup.BucketSettings;
import io.mooring.config.AgentConfig;
import io.mooring.config.BackupConfig;
import io.mooring.config.RolloutConfig;
import io.mooring.config.GitConfig;
import io.mooring.config.NetworksConfig;
import io.mooring.model.Guardrails;
import io.mooring.model.RegistryCredentials;
import io.mooring.reconcile.TenantBackups;
import io.mooring.source.GitCredentials;
import io.mooring.wiring.AgentParts;
import io.mooring.wiring.Wiring;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * Where {@code apply}, {@code plan} and {@code backup} work: the repository, tenant, node and revision, the home
 * folder, the engine, the credentials and the guardrails. With {@code --config}, the agent's file gives whatever
 * the command line leaves out.
 *
 * @param nodeOption the node as the command line gave it (a change review looks at every node without it)
 */
record AgentOptions(String repo, String tenant, Optional<String> nodeOption, String ref, Path home, String dockerHost,
                    GitCredentials git, Guardrails guardrails, List<RegistryCredentials> registries, Optional<AgentConfig> config) {

    /** The options; {@code agentFile} adds {@code --config}, which makes {@code --repo} optional. */
    static void configure(Subparser parser, boolean tenantRequired, boolean agentFile) {
        CommonOptions.repo(parser, !agentFile);
        parser.addArgument("--tenant").required(tenantRequired).help("the tenant's folder name under instances/");
        CommonOptions.node(parser);
        parser.addArgument("--ref").help("branch, tag or commit (default: the default branch's head)");
        CommonOptions.home(parser);
        CommonOptions.dockerHost(parser);
        CommonOptions.gitCredentials(parser);
        parser.addArgument("--allow-folder").action(Arguments.append())
                .help("a host folder under which bind mounts and backup folders may be, as the agent's guardrails.bindMounts"
                        + " (repeat it; none by default" + (agentFile ? "; replaces those of --config)" : ")"));
        if (agentFile) {
            AgentFile.option(parser);
        }
    }

    static AgentOptions from(Supplier<Bootstrap<?>> bootstrap, Namespace namespace, String command) {
        Optional<AgentConfig> config = AgentFile.load(bootstrap, namespace);
        String repo = either(namespace, "repo", config, AgentConfig::getRepo);
        if (repo == null) {
            throw new UsageError("mooring " + command + ": --repo is required, or --config naming the agent's configuration");
        }
        return new AgentOptions(repo, namespace.getString("tenant"), Optional.ofNullable(namespace.getString("node")), either(namespace, "ref", config, AgentConfig::getRef),
                home(namespace, config), dockerHost(namespace, config), git(namespace, config), guardrails(namespace, config, home(namespace, config)),
                config.map(c -> c.getRollout().credentials()).orElse(List.of()), config);
    }

    /** This host's name in the inventory: --node, else the agent's node, else the machine's host name. */
    String node() {
        return nodeOption.or(() -> config.map(AgentConfig::getNode)).orElseGet(AgentOptions::hostName);
    }

    /**
     * The state database: the agent's own with {@code --config} (so that the command line sees the history, journal and
     * deployments the agent sees), else an H2 file under the home folder.
     */
    DataSourceFactory database() {
        return config.map(AgentConfig::getDatabase).orElseGet(() -> Wiring.embeddedDatabase(home));
    }

    /** Commits of history a fetch brings: the agent's {@code git.depth} with {@code --config}, else all of it. */
    int depth() {
        return config.map(c -> c.getGit().getDepth()).orElse(0);
    }

    /** Where backups go: the agent's {@code backup:} block with {@code --config}, else HOME/backups or a named bucket. */
    TenantBackups.Options backupOptions() {
        return config.map(c -> AgentParts.backupOptions(c.getBackup(), home))
                .orElseGet(() -> AgentParts.backupOptions(home.resolve("backups"), AgentParts.DEFAULT_PREFIX, BucketSettings.DEFAULT_PART_SIZE));
    }

    /** The agent's {@code rollout:} block with {@code --config}, else its defaults (the pull timeout, for one). */
    RolloutConfig rollout() {
        return config.map(AgentConfig::getRollout).orElseGet(RolloutConfig::new);
    }

    /** The agent's {@code networks:} block with {@code --config}, else its default (Docker's own address pools). */
    NetworksConfig networks() {
        return config.map(AgentConfig::getNetworks).orElseGet(NetworksConfig::new);
    }

    /** The agent's {@code backup:} block with {@code --config}, else its defaults (the dump and upload timeouts, for two). */
    BackupConfig backup() {
        return config.map(AgentConfig::getBackup).orElseGet(BackupConfig::new);
    }

    /** Where the secrets and configs containers mount are kept: the agent's {@code secrets.filesDir}, else its default. */
    Path filesDir() {
        return filesDir(config);
    }

    private static Path filesDir(Optional<AgentConfig> config) {
        return Path.of(config.map(c -> c.getSecrets().getFilesDir()).orElse(new io.mooring.config.SecretsConfig().getFilesDir()));
    }

    private static Path home(Namespace namespace, Optional<AgentConfig> config) {
        String home = either(namespace, "home", config, AgentConfig::getHome);
        home = home != null ? home : System.getenv("MOORING_HOME");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".mooring");
    }

    private static String dockerHost(Namespace namespace, Optional<AgentConfig> config) {
        String host = either(namespace, "docker_host", config, AgentConfig::getDockerHost);
        return host != null ? host : Objects.requireNonNullElse(System.getenv("DOCKER_HOST"), "unix:///var/run/docker.sock");
    }

    /** Each credential setting from the command line where given, else from the agent's git: block. */
    private static GitCredentials git(Namespace namespace, Optional<AgentConfig> config) {
        Optional<GitConfig> git = config.map(AgentConfig::getGit);
        return GitCredentials.fromFiles(either(namespace, "git_user", git, GitConfig::getUsername),
                either(namespace, "git_password_file", git, GitConfig::getPasswordFile),
                either(namespace, "ssh_key", git, GitConfig::getSshKey), either(namespace, "known_hosts", git, GitConfig::getKnownHosts));
    }

    /** The option where given, else the setting of the agent's configuration, else null. */
    private static <C> String either(Namespace namespace, String option, Optional<C> block, Function<C, String> setting) {
        return Optional.ofNullable(namespace.getString(option)).or(() -> block.map(setting)).orElse(null);
    }

    /** The agent's guardrails (the defaults without --config); --allow-folder replaces their bind mounts. */
    private static Guardrails guardrails(Namespace namespace, Optional<AgentConfig> config, Path home) {
        Guardrails guardrails = AgentParts.guardrails(config.map(c -> c.getGuardrails().toModel()).orElseGet(Guardrails::defaults), home,
                config.flatMap(AgentConfig::configurationFile), filesDir(config));
        List<String> allowed = namespace.getList("allow_folder");
        return allowed == null ? guardrails : guardrails.withBindMounts(allowed);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new UserError("mooring: cannot tell this machine's host name; pass --node");
        }
    }
}
