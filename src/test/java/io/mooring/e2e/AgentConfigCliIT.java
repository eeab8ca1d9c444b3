package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} and {@code plan} with {@code --config}: the agent's own file gives the repository, node, home,
 * guardrails and registry logins, so that the command line and the agent cannot disagree; and an invalid agent
 * file, given to a command or to the server, is listed field by field without a stack trace.
 */
class AgentConfigCliIT {
    @TempDir
    Path tmp;
    private TenantFixture it;
    private Path site;
    private Path agentFile;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
        site = Files.createDirectories(tmp.resolve("site"));
        // The agent's folder of its own, as /etc/mooring would be: never mountable, so not the one the site folder is in.
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path registryPassword = Files.writeString(etc.resolve("registry-password"), TestDocker.PRIVATE_PASSWORD + "\n");
        agentFile = Files.writeString(etc.resolve("agent.yml"), """
                repo: %s
                node: node-a
                home: %s
                guardrails:
                  bindMounts: [%s]
                rollout:
                  registries:
                    - {registry: "%s", username: "%s", passwordFile: "%s"}
                """.formatted(it.repo.dir(), it.home, site, TestDocker.PRIVATE_REGISTRY, TestDocker.PRIVATE_USER, registryPassword));
        // From the registry that asks for a password, with a folder of the host that only the agent's guardrails allow.
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"1.0\"}\n");
        it.repo.write("components.yml", it.webComponents().replace(TestDocker.REGISTRY + "/demo/web:${web_version}",
                TestDocker.PRIVATE_REGISTRY + "/private/web:1.0").replace("volumes: [data:/data]", "volumes: [data:/data, \"" + site + ":/site:ro\"]"));
        it.repo.commit("web from the private registry, with the site folder");
    }

    @AfterEach
    void tearDown() throws Exception {
        it.close();
    }

    @Test
    void applyAndPlanUseTheAgentsGuardrailsAndRegistryLogins() throws Exception {
        MooringCli.Result refused = it.apply();
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stdout() + refused.stderr()).as("the default guardrails refuse the bind mount").contains(site.toString());

        MooringCli.Result plan = MooringCli.run("plan", "--config", agentFile.toString(), "--tenant", it.tenant);
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.stdout()).contains("web: missing");

        MooringCli.Result applied = MooringCli.run("apply", "--config", agentFile.toString(), "--tenant", it.tenant);
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).contains("converged");
        assertThat(it.page("/")).isEqualTo("web 1.0");
        assertThat(it.docker.inspect(it.tenant + "-web").getConfig().getImage()).startsWith(TestDocker.PRIVATE_REGISTRY + "/private/web@sha256:");
        assertThat(Files.exists(it.home.resolve("state.mv.db"))).as("the agent's home holds the history").isTrue();
        assertThat(applied.stdout() + applied.stderr()).doesNotContain(TestDocker.PRIVATE_PASSWORD);
    }

    /** The folder of the file the agent's configuration was read from is never mountable, even inside an allowed folder. */
    @Test
    void theAgentFilesFolderIsRefusedWhateverTheAllowListSays() throws Exception {
        Path wide = Files.writeString(agentFile.resolveSibling("agent-wide.yml"),
                Files.readString(agentFile).replace("bindMounts: [" + site + "]", "bindMounts: [" + tmp + "]"));
        it.repo.write("components.yml", it.webComponents().replace("volumes: [data:/data]",
                "volumes: [data:/data, \"" + wide.getParent() + ":/agent:ro\"]"));
        it.repo.commit("mount the agent's folder");

        MooringCli.Result refused = MooringCli.run("apply", "--config", wide.toString(), "--tenant", it.tenant);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stdout() + refused.stderr()).contains("bind mount of " + wide.getParent() + " would give the container "
                + wide.getParent() + " of the host; never allowed");
        assertThat(it.containers()).isEmpty();
    }

    /** With a PostgreSQL state database in the agent's file, the command line keeps the node's own state in its home and its pass joins the shared history, as the agent does. */
    @Test
    void applyRecordsItsPassWhereTheAgentDoes() throws Exception {
        String database = TestPostgres.newDatabaseName("agentcfg");
        TestPostgres.execute("postgres", "CREATE DATABASE " + database);
        try {
            Path withDatabase = Files.writeString(agentFile.resolveSibling("agent-pg.yml"), Files.readString(agentFile) + """
                    database:
                      driverClass: org.postgresql.Driver
                      url: jdbc:postgresql://%s:%d/%s
                      user: %s
                    """.formatted(TestPostgres.HOST, TestPostgres.PORT, database, TestPostgres.USER));
            MooringCli.Result applied = MooringCli.run("apply", "--config", withDatabase.toString(), "--tenant", it.tenant);
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            assertThat(TestPostgres.count(database, "passes")).as("the pass is in the cluster's shared history").isEqualTo(1);
            assertThat(TestPostgres.count(database, "deployments")).as("what runs on the node is the node's own").isZero();
            assertThat(Files.exists(it.home.resolve("state.mv.db"))).as("kept in its home, as the agent keeps it").isTrue();
        } finally {
            TestPostgres.drop(database);
        }
    }

    /** A bad agent file is a usage error of the command (exit 2); the server refuses to start (exit 1). Both list every field. */
    @Test
    void anInvalidAgentFileIsListedFieldByFieldWithoutAStackTrace() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yml"), """
                repo: %s
                interval: 0s
                backup: {partSize: 1MiB}
                api: {tokenFile: %s}
                git: {signatures: {policy: require}}
                """.formatted(it.repo.dir(), tmp.resolve("no-token")));
        for (String verb : new String[] {"apply", "plan"}) {
            MooringCli.Result result = MooringCli.run(verb, "--config", bad.toString(), "--tenant", it.tenant);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertFieldErrors(result);
        }
        MooringCli.Result server = MooringCli.run("server", bad.toString());
        assertThat(server.exitCode()).as(server.toString()).isEqualTo(1);
        assertFieldErrors(server);
    }

    /** The folder of delivered secrets must be a private tmpfs one: on a disk, the server refuses to start, saying why. */
    @Test
    void theServerRefusesAFolderOfSecretsThatIsNotATmpfs() throws Exception {
        assertThat(Files.getFileStore(tmp).type()).isNotEqualTo("tmpfs");
        Path onDisk = Files.writeString(tmp.resolve("on-disk.yml"), Files.readString(agentFile)
                + "secrets: {filesDir: " + tmp.resolve("files") + "}\n");
        MooringCli.Result server = MooringCli.run("server", onDisk.toString());
        assertThat(server.exitCode()).as(server.toString()).isEqualTo(1);
        assertThat(server.stderr()).as(server.toString()).contains("secrets.filesDir: " + tmp.resolve("files") + " is on a")
                .contains("not a tmpfs").doesNotContain("\tat ");
    }

    private void assertFieldErrors(MooringCli.Result result) {
        assertThat(result.stderr()).as(result.toString()).contains("bad.yml has the following errors:")
                .contains("* interval must be greater than or equal to 1 SECONDS")
                .contains("* backup.partSize must be greater than or equal to 5 MEBIBYTES")
                .contains("* api.tokenFile " + tmp.resolve("no-token") + " cannot be read")
                .contains("* git.signatures requires signed commits but allows no key")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }
}
