package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.DropwizardTestSupport;
import io.mooring.MooringApplication;
import io.mooring.MooringConfiguration;
import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mooring server}: the agent's loop follows the branch, deploys the tenants whose inventory
 * names its node, and records every pass in its embedded H2 database, which the API shows.
 */
class AgentServerIT {
    private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String elsewhere = tenant + "-b";
    private final TestDocker docker = new TestDocker();
    private TestRepo repo;
    private Path tmp;
    private int port;
    private DropwizardTestSupport<MooringConfiguration> agent;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        repo = new TestRepo(tmp.resolve("config"));
        port = Http.freePort();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.after();
        }
        docker.removeTenant(tenant, tenant + "_data");
        docker.removeTenant(elsewhere, elsewhere + "_data");
        repo.close();
        docker.close();
    }

    private void commit(String version) throws Exception {
        for (String[] t : new String[][] {{tenant, "node-a"}, {elsewhere, "node-b"}}) {
            repo.write("instances/" + t[0] + "/inventory.yml", """
                    all:
                      hosts:
                        %s: {}
                      vars: {web_version: "%s", web_port: %d}
                    """.formatted(t[1], version, port));
        }
        repo.write("components.yml", """
                services:
                  web:
                    image: %s/demo/web:${web_version}
                    ports: ["127.0.0.1:${web_port}:8080"]
                    volumes: [data:/data]
                """.formatted(TestDocker.REGISTRY));
        repo.commit("web " + version);
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
                """.formatted(repo.dir(), tmp.resolve("home")));
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
        Await.until(Duration.ofSeconds(60), () -> Http.get("http://127.0.0.1:" + port + "/"), "web 1.0"::equals);

        commit("2.0");
        Await.until(Duration.ofSeconds(60), () -> Http.get("http://127.0.0.1:" + port + "/"), "web 2.0"::equals);

        String passes = Await.until(Duration.ofSeconds(10), () -> api("/api/passes?tenant=" + tenant),
                body -> body.contains("tag changed: 1.0 → 2.0"));
        assertThat(passes).contains("\"status\":\"CONVERGED\"").contains("\"reason\":\"missing\"")
                .containsPattern("\"started\":\"20\\d\\d-\\d\\d-\\d\\dT");
        assertThat(docker.tenantContainers(elsewhere)).as("a tenant of another node is not deployed here").isEmpty();
        assertThat(api("/api/passes?tenant=" + elsewhere)).isEqualTo("[]");
        assertThat(Files.exists(tmp.resolve("home/state.mv.db"))).as("passes are kept in the embedded H2 database").isTrue();
        assertThat(Http.get("http://127.0.0.1:" + agent.getAdminPort() + "/healthcheck")).contains("\"docker-engine\":{\"healthy\":true");
    }
}
