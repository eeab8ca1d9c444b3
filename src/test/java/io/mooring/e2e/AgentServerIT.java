package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.DropwizardTestSupport;
import io.mooring.MooringApplication;
import io.mooring.MooringConfiguration;
import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.TenantFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private DropwizardTestSupport<MooringConfiguration> agent;

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
            agent.after();
        }
        it.removeTenant(elsewhere);
        it.close();
    }

    private void commit(String version) throws Exception {
        for (String[] t : new String[][] {{tenant, "node-a"}, {elsewhere, "node-b"}}) {
            it.repo.write("instances/" + t[0] + "/inventory.yml", """
                    all:
                      hosts:
                        %s: {}
                      vars: {web_version: "%s"}
                    """.formatted(t[1], version));
        }
        it.repo.write("components.yml", it.webComponents());
        it.repo.commit("web " + version);
    }

    private void startAgent() throws Exception {
        Path config = tmp.resolve("agent.yml");
        Files.writeString(config, """
                repo: %s
                node: node-a
                interval: 1s
                healthTimeout: 30s
                home: %s
                server:
                  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                logging:
                  level: WARN
                """.formatted(it.repo.dir(), it.home));
        agent = new DropwizardTestSupport<>(MooringApplication.class, config.toString());
        agent.before();
    }

    private String api(String path) {
        return Http.get("http://127.0.0.1:" + agent.getLocalPort() + path);
    }

    @Test
    void followsTheBranchAndRecordsEveryPass() throws Exception {
        commit("1.0");
        startAgent();
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
        assertThat(Http.get("http://127.0.0.1:" + agent.getAdminPort() + "/healthcheck")).contains("\"docker-engine\":{\"healthy\":true");
    }

    @Test
    void aRevisionThatFailedIsNotRetriedEveryInterval() throws Exception {
        commit("1.0");
        startAgent();
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);
        String serving = it.docker.tenantContainers(tenant).get(0).getId();

        commit("crash");
        Await.until(Duration.ofSeconds(60), () -> api("/api/passes?tenant=" + tenant), body -> body.contains("\"status\":\"FAILED\""));
        String restartedAt = it.docker.inspect(serving).getState().getStartedAt();
        Thread.sleep(6_000); // several intervals of the 1 s loop

        assertThat(it.docker.inspect(serving).getState().getStartedAt()).as("the old container was not stopped again").isEqualTo(restartedAt);
        assertThat(it.docker.tenantContainers(tenant)).extracting(c -> c.getId()).containsExactly(serving);
        assertThat(api("/api/passes?tenant=" + tenant).split("\"status\":\"FAILED\"", -1)).as("one failed pass, then held").hasSize(2);
        assertThat(it.page("/")).isEqualTo("web 1.0");

        commit("1.1");
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.1"::equals);
    }
}
