package io.mooring.metrics;

import io.mooring.model.ClusterStatus;
import io.mooring.model.TenantCertificate;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges computed when Prometheus scrapes, from {@link AgentState}: certificates' expiry, nodes up, leadership, the
 * loop's progress. A part that cannot be read (the cluster's database down) leaves its series out of that scrape, logged at
 * debug, and the scrape still answers.
 */
final class StateGauges {
    private static final Logger LOG = LoggerFactory.getLogger(StateGauges.class);

    private StateGauges() {
    }

    static void register(AgentState state, PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("mooring_certificate_expiry_timestamp_seconds")
                .help("When the tenant's certificate expires, in seconds since the epoch; name is the first name it covers")
                .labelNames("tenant", "name").callback(gauge -> read("certificates", () -> {
                    for (Map.Entry<String, TenantCertificate> entry : state.certificates().get().entrySet()) {
                        TenantCertificate certificate = entry.getValue();
                        if (!certificate.names().isEmpty()) {
                            gauge.call(AgentMetrics.epochSeconds(certificate.notAfter()), entry.getKey(), certificate.names().get(0));
                        }
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("mooring_node_up")
                .help("1 while the node's last heartbeat is at most three of its intervals old, 0 when it is down or never reported")
                .labelNames("node").callback(gauge -> read("the cluster's state", () -> {
                    for (ClusterStatus.Node node : state.cluster().get().nodes()) {
                        gauge.call(ClusterStatus.UP.equals(node.state()) ? 1 : 0, node.node());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("mooring_leader").help("1 while this agent holds the cluster's singleton lease")
                .callback(gauge -> read("leadership", () -> gauge.call(state.leads().getAsBoolean() ? 1 : 0))).register(registry);
        GaugeWithCallback.builder().name("mooring_loop_last_progress_timestamp_seconds")
                .help("When a tenant's pass last ended (or the agent started), in seconds since the epoch")
                .callback(gauge -> read("the loop", () -> gauge.call(AgentMetrics.epochSeconds(state.lastProgress().get()))))
                .register(registry);
        GaugeWithCallback.builder().name("mooring_loop_stalled")
                .help("1 when the reconcile loop is not running or has made no progress since a round was due, as /healthcheck says")
                .callback(gauge -> read("the loop", () -> gauge.call(state.stalled().get().isPresent() ? 1 : 0))).register(registry);
    }

    private static void read(String what, Runnable reading) {
        try {
            reading.run();
        } catch (RuntimeException e) {
            LOG.debug("a scrape of /metrics left out {}: it cannot be read now: {}", what, e.toString());
        }
    }
}
