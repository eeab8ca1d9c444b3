package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mooring server FILE} through the jar: the folder FILE is in (its token, its secrets) is never mountable,
 * even when the agent's own allow-list covers it, and the tenant's pass says so.
 */
class ServerConfigFolderIT {
    @TempDir
    Path tmp;
    private TenantFixture it;
    private Process server;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        it.close();
    }

    @Test
    void aTenantCannotMountTheFolderOfTheFileTheAgentWasStartedWith() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("agent-etc"));
        Files.writeString(etc.resolve("api-token"), "server-config-folder-token\n");
        int port = Http.freePort();
        Path file = Files.writeString(etc.resolve("mooring.yml"), """
                repo: %s
                node: node-a
                home: %s
                interval: 1s
                api: {tokenFile: %s}
                guardrails:
                  bindMounts: [%s]
                server:
                  applicationConnectors: [{type: http, port: %d, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                logging:
                  level: WARN
                """.formatted(it.repo.dir(), it.home, etc.resolve("api-token"), tmp, port));
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"1.0\"}\n");
        it.repo.write("components.yml", it.webComponents().replace("volumes: [data:/data]", "volumes: [\"" + etc + ":/agent:ro\"]"));
        it.repo.commit("mount the agent's folder");

        server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                MooringCli.jar().toString(), "server", file.toString())).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("server.log").toFile()).start();

        String passes = Await.until(Duration.ofSeconds(90), () -> Http.get("http://127.0.0.1:" + port + "/api/passes?tenant=" + it.tenant,
                "Authorization", "Bearer server-config-folder-token"), body -> body.contains("never allowed"));

        assertThat(passes).contains("bind mount of " + etc + " would give the container " + etc + " of the host; never allowed");
        assertThat(it.containers()).isEmpty();
    }
}
