package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.GitHttpServer;
import io.mooring.testing.Http;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mooring server}: the agent's loop follows the branch, deploys the tenants whose inventory
 * names its node, and records every pass in its embedded H2 database, which the API shows.
 */
class AgentServerIT {
    private TenantFixture it;
    private String tenant;
    private String elsewhere;
    private Path tmp;
    private TestAgent agent;
    private GitHttpServer server;
    private Repository served;
    /** The API token the test gave the agent; without it, the agent lets anyone read. */
    private String apiToken;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        it = new TenantFixture(tmp);
        tenant = it.tenant;
        elsewhere = tenant + "-b";
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
            served.close();
        }
        it.removeTenant(elsewhere);
        it.close();
    }

    private String commit(String version) throws Exception {
        for (String[] t : new String[][] {{tenant, "node-a"}, {elsewhere, "node-b"}}) {
            it.repo.write("instances/" + t[0] + "/inventory.yml", """
                    all:
                      hosts:
                        %s: {}
                      vars: {web_version: "%s"}
                    """.formatted(t[1], version));
        }
        it.repo.write("components.yml", it.webComponents());
        return it.repo.commit("web " + version);
    }

    private void startAgent() throws Exception {
        startAgent("");
    }

    private void startAgent(String extra) throws Exception {
        startAgent(it.repo.dir().toString(), extra);
    }

    /** The agent on node-a following {@code repo}, with {@code extra} blocks (api:, git:) in its configuration. */
    private void startAgent(String repo, String extra) throws Exception {
        Path registryPassword = Files.writeString(tmp.resolve("registry-password"), TestDocker.PRIVATE_PASSWORD + "\n");
        agent = new TestAgent(tmp.resolve("agent.yml"), repo, it.home, extra + """
                interval: 1s
                healthTimeout: 30s
                rollout:
                  registries:
                    - {registry: "%s", username: "%s", passwordFile: "%s"}
                """.formatted(TestDocker.PRIVATE_REGISTRY, TestDocker.PRIVATE_USER, registryPassword));
    }

    private String url(String path) {
        return agent.url(path);
    }

    private String api(String path) {
        return apiToken == null ? Http.get(agent.url(path)) : Http.get(agent.url(path), "Authorization", "Bearer " + apiToken);
    }

    /** Through a Git server that asks for a token, given to the agent in a file of its configuration's git: block. */
    @Test
    void followsTheBranchAndRecordsEveryPass() throws Exception {
        commit("1.0");
        Path tokenFile = Files.writeString(tmp.resolve("git-token"), "a-token-for-the-config-repository\n");
        server = new GitHttpServer(served = Git.open(it.repo.dir().toFile()).getRepository(),
                Map.of("deploy", "a-token-for-the-config-repository"));
        // No API token: reads are let through by api.anonymousRead, writes are off.
        startAgent(server.url(), "api: {anonymousRead: true}\ngit: {username: deploy, passwordFile: " + tokenFile + "}\n");
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);

        commit("2.0");
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 2.0"::equals);

        String passes = Await.until(Duration.ofSeconds(10), () -> api("/api/passes?tenant=" + tenant),
                body -> body.contains("tag changed: 1.0 → 2.0"));
        assertThat(passes).contains("\"status\":\"CONVERGED\"").contains("\"reason\":\"missing\"")
                .containsPattern("\"started\":\"20\\d\\d-\\d\\d-\\d\\dT");
        assertThat(it.docker.tenantContainers(elsewhere)).as("a tenant of another node is not deployed here").isEmpty();
        assertThat(api("/api/passes?tenant=" + elsewhere)).isEqualTo("[]");
        assertThat(Files.exists(it.home.resolve("state.mv.db"))).as("passes are kept in the embedded H2 database").isTrue();
        assertThat(Http.get("http://127.0.0.1:" + agent.adminPort() + "/healthcheck")).contains("\"docker-engine\":{\"healthy\":true");
        assertThat(Http.post(url("/api/tenants/" + tenant + "/retry"))).as("no token file: the write API is off")
                .startsWith("403 ").contains("api.tokenFile");

        // From a registry that asks for a password: the agent pulls it with the credentials of its configuration.
        String image = TestDocker.PRIVATE_REGISTRY + "/private/web:1.0";
        try {
            TestDocker.cli("rmi", image);
        } catch (IllegalStateException notHere) {
            // never pulled on this engine
        }
        it.repo.write("components.yml", it.webComponents().replace(TestDocker.REGISTRY + "/demo/web:${web_version}", image));
        it.repo.commit("web from the private registry");
        Await.until(Duration.ofSeconds(60), () -> it.containers(), running -> running.equals(List.of(tenant + "-web " + image + " running")));
        assertThat(it.page("/")).isEqualTo("web 1.0");
        assertThat(it.docker.inspect(tenant + "-web").getConfig().getImage()).startsWith(TestDocker.PRIVATE_REGISTRY + "/private/web@sha256:");
        assertThat(api("/api/passes?tenant=" + tenant)).doesNotContain(TestDocker.PRIVATE_PASSWORD);
    }

    @Test
    void aRevisionThatFailedIsNotRetriedEveryIntervalButOnAnAuthenticatedRequest() throws Exception {
        String token = "t-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();
        Path tokenFile = tmp.resolve("api-token");
        Files.writeString(tokenFile, token + "\n");
        apiToken = token;
        String good = commit("1.0");
        startAgent("api: {tokenFile: " + tokenFile + "}\n");
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);
        String serving = it.docker.tenantContainers(tenant).get(0).getId();

        String crash = commit("crash");
        Await.until(Duration.ofSeconds(60), () -> api("/api/passes?tenant=" + tenant), body -> body.contains("\"status\":\"FAILED\""));
        assertThat(api("/api/tenants")).as("fetched, attempted and applied revisions").contains("\"tenant\":\"" + tenant + "\"")
                .contains("\"fetched\":{\"revision\":\"" + crash).contains("\"attempted\":{\"revision\":\"" + crash + "\",\"status\":\"FAILED\"")
                .contains("\"applied\":{\"revision\":\"" + good);
        String restartedAt = it.docker.inspect(serving).getState().getStartedAt();
        Thread.sleep(6_000); // several intervals of the 1 s loop

        assertThat(it.docker.inspect(serving).getState().getStartedAt()).as("the old container was not stopped again").isEqualTo(restartedAt);
        assertThat(it.docker.tenantContainers(tenant)).extracting(c -> c.getId()).containsExactly(serving);
        assertThat(api("/api/passes?tenant=" + tenant).split("\"status\":\"FAILED\"", -1)).as("one failed pass, then held").hasSize(2);
        assertThat(it.page("/")).isEqualTo("web 1.0");

        // An explicit retry: refused without the token or with another, done with it.
        String retry = url("/api/tenants/" + tenant + "/retry");
        assertThat(Http.post(retry)).startsWith("401 ");
        assertThat(Http.post(retry, "Authorization", "Bearer " + token + "x")).startsWith("401 ").doesNotContain(token);
        assertThat(Http.post(url("/api/tenants/no-such-tenant/retry"), "Authorization", "Bearer " + token)).startsWith("404 ");
        assertThat(Http.post(retry, "Authorization", "Bearer " + token)).startsWith("202 ").contains("is tried again");
        Await.until(Duration.ofSeconds(60), () -> api("/api/passes?tenant=" + tenant),
                body -> body.split("\"status\":\"FAILED\"", -1).length == 3);
        assertThat(it.page("/")).as("the retry failed the same way and was rolled back").isEqualTo("web 1.0");

        commit("1.1");
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.1"::equals);
    }
}
