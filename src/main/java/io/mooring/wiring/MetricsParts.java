package io.mooring.wiring;

import io.dropwizard.core.setup.Environment;
import io.mooring.leader.Election;
import io.mooring.metrics.AgentState;
import io.mooring.metrics.PrometheusEndpoint;
import io.mooring.model.ClusterStatus;
import io.mooring.reconcile.ReconcileLoop;
import io.mooring.reconcile.Reconciler;
import io.mooring.state.ClusterState;
import java.time.Instant;

/**
 * {@code GET /metrics} on the admin port: the agent's series in Prometheus' text format, the gauges read at each scrape
 * from the reconciler, the election, the loop and the cluster's state database.
 */
public final class MetricsParts {
    private MetricsParts() {
    }

    /** The endpoint's series, Dropwizard's own metrics bridged; its {@link PrometheusEndpoint#events} go to the agent's listeners. */
    public static PrometheusEndpoint endpoint(Environment environment) {
        return new PrometheusEndpoint(environment.metrics());
    }

    /** Serves {@code endpoint} at {@code /metrics} of the admin port, in place of Dropwizard's JSON. */
    public static void serve(Environment environment, PrometheusEndpoint endpoint, Reconciler reconciler, Election election, ReconcileLoop loop,
                             ClusterState cluster) {
        endpoint.reading(new AgentState(reconciler::certificates, () -> status(cluster), election::leads, reconciler::lastPassEnded,
                () -> loop.stalled(Instant.now())));
        environment.admin().addServlet("prometheus", endpoint.servlet()).addMapping("/metrics");
    }

    private static ClusterStatus status(ClusterState cluster) {
        ClusterState.Snapshot snapshot = cluster.read();
        return ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now());
    }
}
