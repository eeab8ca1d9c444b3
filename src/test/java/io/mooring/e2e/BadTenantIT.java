package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent, a good tenant and a bad one, on the real engine with the PostgreSQL state store: whatever the bad
 * tenant's commit holds, it costs that tenant its change and nothing more. A commit to the good tenant converges
 * within a couple of intervals, and the bad tenant shows a clear failed pass in the API.
 */
class BadTenantIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTS = "all:\n  hosts:\n    node-a: {}\n";

    @TempDir
    Path tmp;
    private TenantFixture it;
    private String bad;
    private String database;
    private TestAgent agent;

    /** The bad tenant's files (path under its folder → content), and what its failed pass must say. */
    static Stream<Arguments> badCommits() {
        StringBuilder bomb = new StringBuilder(HOSTS + "  vars:\n    l0: &l0 [");
        bomb.append("x,".repeat(9_999)).append("x]\n");
        for (int level = 1; level <= 7; level++) {
            bomb.append("    l").append(level).append(": &l").append(level).append(" [*l").append(level - 1).append(", *l")
                    .append(level - 1).append(", *l").append(level - 1).append("]\n");
        }
        return Stream.of(
                Arguments.of("a recursive alias in inventory.yml", Map.of("inventory.yml", HOSTS + "  vars:\n    loop: &l [*l]\n"),
                        "INVALID", "inventory.yml:5:"),
                Arguments.of("a recursive alias in components.yml", Map.of("inventory.yml", HOSTS,
                        "components.yml", "x-loop: &l [*l]\nservices:\n  web:\n    image: 127.0.0.1:5000/demo/web:1.0\n"),
                        "INVALID", "components.yml:1:"),
                Arguments.of("an alias bomb within 20 aliases", Map.of("inventory.yml", bomb.toString()), "INVALID", "inventory.yml"),
                Arguments.of("a NUL in a variable", Map.of("inventory.yml", HOSTS + "  vars:\n    web_version: \"1.0\\0evil\"\n",
                        "components.yml", "services:\n  web:\n    image: 127.0.0.1:5000/demo/web:${web_version}\n"),
                        "INVALID", "web_version '1.0\\u0000evil' is not an image tag"),
                Arguments.of("a hook that sleeps an hour with a day's timeout", Map.of("inventory.yml", HOSTS + "  vars: {web_version: \"1.0\"}\n",
                        "components.yml", """
                                services:
                                  web:
                                    image: 127.0.0.1:5000/demo/web:${web_version}
                                    x-mooring:
                                      hooks:
                                        before: [{name: wait, command: [sleep, "3600"], timeout: 24h}]
                                """), "FAILED", "did not finish within 3s (the agent's limit, rollout.maxHookTimeout"));
    }

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
        bad = it.tenant + "-bad";
        database = TestPostgres.newDatabaseName("badtenant");
        TestPostgres.execute("postgres", "CREATE DATABASE " + database);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        it.removeTenant(bad);
        it.close();
        TestPostgres.drop(database);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommits")
    void aBadCommitCostsItsTenantItsChangeAndNothingMore(String name, Map<String, String> files, String status, String says)
            throws Exception {
        it.repo.write("components.yml", it.webComponents());
        it.repo.write("instances/" + it.tenant + "/inventory.yml", HOSTS + "  vars: {web_version: \"1.0\"}\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            it.repo.write("instances/" + bad + "/" + file.getKey(), file.getValue());
        }
        it.repo.commit("a good tenant and a bad one");
        agent = new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), it.home, """
                interval: 1s
                rollout: {maxHookTimeout: 3s}
                database:
                  driverClass: org.postgresql.Driver
                  url: jdbc:postgresql://%s:%d/%s
                  user: %s
                """.formatted(TestPostgres.HOST, TestPostgres.PORT, database, TestPostgres.USER));
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);

        JsonNode failed = Await.until(Duration.ofSeconds(60), () -> tenant(bad), t -> t != null && t.hasNonNull("lastError"));
        assertThat(failed.get("lastError").get("status").asText()).as(failed.toString()).isEqualTo(status);
        assertThat(failed.get("lastError").get("message").asText()).as(failed.toString()).contains(says);

        it.repo.write("instances/" + it.tenant + "/inventory.yml", HOSTS + "  vars: {web_version: \"1.1\"}\n");
        it.repo.commit("the good tenant moves to 1.1");
        long start = System.nanoTime();
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.1"::equals);
        System.out.printf("bad tenant (%s): the good tenant's commit converged in %,d ms%n", name, (System.nanoTime() - start) / 1_000_000);
        assertThat(Http.get(agent.adminUrl("/healthcheck"))).contains("\"reconcile\"").contains("\"healthy\":true");
    }

    private JsonNode tenant(String name) {
        try {
            for (JsonNode tenant : JSON.readTree(agent.get("/api/tenants"))) {
                if (tenant.get("tenant").asText().equals(name)) {
                    return tenant;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
