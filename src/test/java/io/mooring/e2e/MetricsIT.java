package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.Promtool;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.AgentProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a real agent (the jar, as its service starts it) on the admin port, after a tenant converged,
 * then took a backup before an upgrade whose new container crashed and was rolled back: Prometheus' own checker reads it
 * without a problem, and the series say what happened.
 */
class MetricsIT {
    private TenantFixture it;
    private Path tmp;
    private Path data;
    private AgentProcess agent;

    @BeforeEach
    void setUp(@TempDir Path tmp, @TempDir Path hostData) throws Exception {
        this.tmp = tmp;
        it = new TenantFixture(tmp);
        // Apart from the agent's home: a backup's folder never gives access to a folder that holds it.
        data = Files.createDirectories(hostData.resolve("data"));
        Files.writeString(data.resolve("custom.conf"), "custom\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        it.close();
    }

    private void commit(String version) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        it.repo.write("instances/" + it.tenant + "/components.yml", """
                x-mooring:
                  backup: {database: false, folders: [%s], before_upgrade: true}
                %s""".formatted(data, it.webComponents()));
        it.repo.commit("web " + version);
    }

    private String scrape() {
        return Http.get(agent.adminUrl("/metrics")) + "\n";
    }

    @Test
    void aConvergenceABackupAndARollbackShowAsSeriesPromtoolAccepts() throws Exception {
        commit("1.0");
        agent = AgentProcess.start(tmp.resolve("agent.yml"), it.repo.dir().toString(), "node-a", it.home, """
                interval: 1s
                healthTimeout: 20s
                guardrails: {bindMounts: [%s]}
                """.formatted(data.getParent()));
        Await.until(Duration.ofSeconds(60), () -> it.page("/") + " " + agent.get("/api/passes?tenant=" + it.tenant),
                page -> page.startsWith("web 1.0 "));
        commit("crash");
        String tenant = "tenant=\"" + it.tenant + "\"";
        String metrics = Await.until(Duration.ofSeconds(60), () -> scrape() + agent.get("/api/passes?tenant=" + it.tenant),
                text -> text.contains("mooring_rollbacks_total{" + tenant + "} 1.0"));
        metrics = scrape();
        Files.writeString(Files.createDirectories(Path.of("target", "metrics-it")).resolve("scrape.txt"), metrics);

        Promtool.Result check = Promtool.run(metrics, "check", "metrics");
        assertThat(check.output()).as("promtool's problems with target/metrics-it/scrape.txt").isEmpty();
        assertThat(check.exitCode()).isZero();
        assertThat(metrics).containsPattern("mooring_passes_total\\{status=\"CONVERGED\"," + tenant + "} [1-9]")
                .contains("mooring_passes_total{status=\"FAILED\"," + tenant + "} 1.0")
                .contains("mooring_actions_total{action=\"replace\",outcome=\"FAILED\"," + tenant + "} 1.0")
                .contains("mooring_tenant_converged{" + tenant + "} 0.0")
                .contains("mooring_tenant_failing{" + tenant + "} 1.0")
                .containsPattern("mooring_tenant_last_pass_timestamp_seconds\\{" + tenant + "} 1\\.\\d+E9")
                .containsPattern("mooring_backup_last_success_timestamp_seconds\\{" + tenant + "} 1\\.\\d+E9")
                .containsPattern("mooring_backup_bytes\\{" + tenant + "} [1-9]")
                .contains("mooring_backup_failures_total{" + tenant + "} 0.0")
                .containsPattern("mooring_git_fetch_duration_seconds_count [1-9]")
                .contains("mooring_git_fetch_errors_total 0.0")
                .contains("mooring_node_up{node=\"node-a\"} 1.0")
                .contains("mooring_loop_stalled 0.0")
                .containsPattern("(?m)^mooring_leader [01]\\.0$")
                .as("the JVM's and Jetty's metrics, bridged from Dropwizard").containsPattern("(?m)^jvm_memory_heap_used ")
                .containsPattern("(?m)^jvm_threads ").containsPattern("(?m)^jvm_filedescriptor 0\\.\\d+")
                .contains("org_eclipse_jetty_");
    }
}
