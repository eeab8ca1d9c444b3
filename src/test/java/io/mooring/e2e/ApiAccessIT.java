package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's API shows hook output and log tails: reading it takes the agent's token unless the agent says
 * anyone may read, and what it shows never holds the value of a tenant's secret variable. What the agent keeps
 * on disk is its own alone.
 */
class ApiAccessIT {
    @TempDir
    Path tmp;
    private TenantFixture it;
    private TestAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        it.close();
    }

    private void commit(String vars, String components) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {" + vars + "}\n");
        it.repo.write("components.yml", components);
        it.repo.commit("web");
    }

    private TestAgent start(String settings) throws Exception {
        agent = new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), it.home, "interval: 1h\nhealthTimeout: 30s\n" + settings);
        return agent;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void anUnauthenticatedReadIsRefusedAndTheTokenOrAnonymousReadLetsItThrough() throws Exception {
        commit("web_version: \"1.0\"", it.webComponents());
        start("");
        String passes = Await.until(Duration.ofSeconds(60), () -> agent.get("/api/passes?tenant=" + it.tenant), b -> b.contains("CONVERGED"));
        assertThat(passes).contains("\"tenant\":\"" + it.tenant + "\"");
        assertThat(agent.get("/api/tenants")).contains("\"tenant\":\"" + it.tenant + "\"");
        for (String path : new String[] {"/api/passes", "/api/tenants", "/api/passes?tenant=" + it.tenant}) {
            assertThat(Http.status(agent.url(path))).as(path).startsWith("401 ").contains("Authorization: Bearer").doesNotContain(it.tenant);
            assertThat(Http.status(agent.url(path), "Authorization", "Bearer not-the-token")).as(path).startsWith("401 ");
        }
        assertThat(mode(it.home)).as("the home folder").isEqualTo("rwx------");
        assertThat(mode(it.home.resolve("backups"))).as("the backups folder").isEqualTo("rwx------");
        assertThat(mode(it.home.resolve("state.mv.db"))).as("the state database").isEqualTo("rw-------");
        agent.close();

        agent = null;
        start("api: {}\n");
        assertThat(Http.status(agent.url("/api/passes"))).as("no token file, no anonymous reads").startsWith("403 ")
                .contains("api.tokenFile").contains("api.anonymousRead: true");
        agent.close();

        agent = null;
        start("api: {anonymousRead: true}\n");
        assertThat(Http.status(agent.url("/api/passes?tenant=" + it.tenant))).startsWith("200 ").contains("CONVERGED");
        assertThat(Http.status(agent.url("/api/tenants"))).startsWith("200 ").contains(it.tenant);
        assertThat(Http.post(agent.url("/api/tenants/" + it.tenant + "/retry"))).as("anonymous reads, never anonymous writes")
                .startsWith("403 ").contains("api.tokenFile");
    }

    @Test
    void aHookThatEchoesASecretFailsAndThePassShowsItsNameNeverItsValue() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        commit("web_version: \"1.0\", db_password: \"" + secret + "\"", it.webComponents() + """
                    environment: {DB_PASSWORD: "${db_password}"}
                    x-mooring:
                      hooks:
                        before: [{name: migrate, command: ["sh", "-c", "echo connecting with $$DB_PASSWORD; exit 3"]}]
                """);
        start("");
        String passes = Await.until(Duration.ofSeconds(60), () -> agent.get("/api/passes?tenant=" + it.tenant), b -> b.contains("FAILED"));
        assertThat(passes).contains("connecting with [redacted: db_password]").doesNotContain(secret);
        assertThat(agent.get("/api/tenants")).contains("[redacted: db_password]").doesNotContain(secret);
    }
}
