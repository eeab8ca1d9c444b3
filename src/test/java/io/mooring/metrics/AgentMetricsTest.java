package io.mooring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.BackupEvent;
import io.mooring.model.ClusterStatus;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.TenantCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent's events and state as Prometheus text: label sets, rollbacks, histogram counts, a cluster that cannot be read. */
class AgentMetricsTest {
    private static final Instant T = Instant.parse("2026-12-01T06:00:00Z");

    private static PassRecord pass(String tenant, PassStatus status, ActionRecord... actions) {
        return new PassRecord(tenant, "node-a", "0123abcd", status, "a message with \"quotes\"", List.of(actions), T, T.plusMillis(1500));
    }

    private static ActionRecord action(ActionVerb verb, ActionOutcome outcome) {
        return new ActionRecord("web", verb, "tag changed", outcome, "");
    }

    @Test
    void passesCountByTenantAndStatusAndARolledBackPassCountsOnce() {
        PrometheusEndpoint endpoint = new PrometheusEndpoint(null);
        endpoint.events().passEnded(pass("shop", PassStatus.CONVERGED, action(ActionVerb.CREATE, ActionOutcome.DONE)));
        endpoint.events().passEnded(pass("shop", PassStatus.FAILED, action(ActionVerb.REPLACE, ActionOutcome.FAILED),
                action(ActionVerb.REMOVE, ActionOutcome.SKIPPED)));
        endpoint.events().passEnded(pass("blog", PassStatus.INVALID));

        String text = endpoint.text();
        assertThat(text).contains("mooring_passes_total{status=\"CONVERGED\",tenant=\"shop\"} 1.0")
                .contains("mooring_passes_total{status=\"FAILED\",tenant=\"shop\"} 1.0")
                .contains("mooring_passes_total{status=\"INVALID\",tenant=\"blog\"} 1.0")
                .contains("mooring_actions_total{action=\"create\",outcome=\"DONE\",tenant=\"shop\"} 1.0")
                .contains("mooring_actions_total{action=\"replace\",outcome=\"FAILED\",tenant=\"shop\"} 1.0")
                .contains("mooring_actions_total{action=\"remove\",outcome=\"SKIPPED\",tenant=\"shop\"} 1.0")
                .contains("mooring_rollbacks_total{tenant=\"shop\"} 1.0")
                .as("an invalid revision touched nothing: no rollback").contains("mooring_rollbacks_total{tenant=\"blog\"} 0.0")
                .contains("mooring_tenant_converged{tenant=\"shop\"} 0.0")
                .contains("mooring_tenant_failing{tenant=\"shop\"} 1.0")
                .contains("mooring_tenant_last_pass_timestamp_seconds{tenant=\"shop\"} 1.7961048015E9")
                .contains("mooring_pass_duration_seconds_bucket{le=\"1.0\"} 0")
                .contains("mooring_pass_duration_seconds_bucket{le=\"2.5\"} 3")
                .contains("mooring_pass_duration_seconds_count 3")
                .as("no revision and no message in a label").doesNotContain("0123abcd").doesNotContain("quotes");
    }

    @Test
    void aRemovalThatFailsOrAFailedPassWithoutReplaceIsNoRollback() {
        assertThat(AgentMetrics.rolledBack(pass("shop", PassStatus.FAILED, action(ActionVerb.REMOVE, ActionOutcome.FAILED)))).isFalse();
        assertThat(AgentMetrics.rolledBack(pass("shop", PassStatus.UNAVAILABLE, action(ActionVerb.REPLACE, ActionOutcome.FAILED)))).isFalse();
        assertThat(AgentMetrics.rolledBack(pass("shop", PassStatus.FAILED, action(ActionVerb.CREATE, ActionOutcome.FAILED)))).isTrue();
    }

    @Test
    void fetchesAndBackupsKeepTheirErrorsSizesAndLastSuccess() {
        PrometheusEndpoint endpoint = new PrometheusEndpoint(null);
        endpoint.events().fetched(Duration.ofMillis(80), Optional.empty());
        endpoint.events().fetched(Duration.ofSeconds(3), Optional.of("connection refused by git.example.com"));
        endpoint.events().backupEnded(new BackupEvent("shop", "node-a", Duration.ofSeconds(4), 2048, Optional.empty(), T));
        endpoint.events().backupEnded(new BackupEvent("shop", "node-a", Duration.ofSeconds(2), 0, Optional.of("disk full"), T.plusSeconds(60)));

        String text = endpoint.text();
        assertThat(text).contains("mooring_git_fetch_errors_total 1.0").contains("mooring_git_fetch_duration_seconds_count 2")
                .contains("mooring_git_fetch_duration_seconds_bucket{le=\"0.1\"} 1")
                .contains("mooring_backup_last_success_timestamp_seconds{tenant=\"shop\"} 1.7961048E9")
                .contains("mooring_backup_bytes{tenant=\"shop\"} 2048.0")
                .contains("mooring_backup_failures_total{tenant=\"shop\"} 1.0")
                .contains("mooring_backup_duration_seconds_count 2")
                .doesNotContain("git.example.com").doesNotContain("disk full");
    }

    @Test
    void stateGaugesAreReadAtScrapeAndACLusterThatCannotBeReadIsLeftOut() {
        TenantCertificate certificate = new TenantCertificate("selfsigned", "", "", "", T, T.plus(Duration.ofDays(90)),
                List.of("shop.example.com", "10.0.0.1"), "ab12");
        boolean[] databaseUp = {true};
        PrometheusEndpoint endpoint = new PrometheusEndpoint(null).reading(new AgentState(() -> Map.of("shop", certificate), () -> {
            if (!databaseUp[0]) {
                throw new IllegalStateException("the cluster's state database cannot be read");
            }
            return new ClusterStatus(List.of(node("node-a", ClusterStatus.UP), node("node-b", ClusterStatus.DOWN)));
        }, () -> true, () -> T, Optional::empty));

        assertThat(endpoint.text()).contains("mooring_certificate_expiry_timestamp_seconds{name=\"shop.example.com\",tenant=\"shop\"} 1.8038808E9")
                .contains("mooring_node_up{node=\"node-a\"} 1.0").contains("mooring_node_up{node=\"node-b\"} 0.0")
                .contains("mooring_leader 1.0").contains("mooring_loop_stalled 0.0")
                .contains("mooring_loop_last_progress_timestamp_seconds 1.7961048E9");
        databaseUp[0] = false;
        assertThat(endpoint.text()).doesNotContain("mooring_node_up{").contains("mooring_leader 1.0");
    }

    private static ClusterStatus.Node node(String name, String state) {
        return new ClusterStatus.Node(name, state, false, T, "1", "host", T, List.of(), List.of());
    }

    @Test
    void dropwizardsJvmMetricsAreBridgedWithPrometheusNames() {
        MetricRegistry dropwizard = new MetricRegistry();
        dropwizard.registerAll("jvm.memory", new MemoryUsageGaugeSet());
        dropwizard.registerAll("jvm.gc", new GarbageCollectorMetricSet());
        dropwizard.registerAll("jvm.threads", new ThreadStatesGaugeSet());
        dropwizard.counter("org.eclipse.jetty.util.thread.QueuedThreadPool.dw-admin.jobs").inc();
        dropwizard.meter("ch.qos.logback.core.Appender.info").mark();
        dropwizard.meter("ch.qos.logback.core.Appender.all").mark();

        String text = new PrometheusEndpoint(dropwizard).text();
        assertThat(text).contains("jvm_memory_heap_used ").contains("jvm_threads ")
                .contains("org_eclipse_jetty_util_thread_queued_thread_pool_dw_admin_jobs_total 1.0")
                .as("a name the bridge would cut short is left out").contains("ch_qos_logback_core_appender_all_total 1.0")
                .doesNotContain("ch_qos_logback_core_appender_total")
                .doesNotContainPattern("(?m)^jvm_threads_count ").doesNotContainPattern("(?m)^[a-z_]*[A-Z]");
        assertThat(DropwizardBridge.snakeCase("jvm.gc.G1-Young-Generation.count")).isEqualTo("jvm_gc_g1_young_generation_count");
    }
}
