package io.mooring.metrics;

import com.codahale.metrics.MetricRegistry;
import io.mooring.model.AgentEvents;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The agent's metrics in Prometheus' text format: its own series ({@link AgentMetrics}, {@link StateGauges}) and Dropwizard's
 * (the JVM, Jetty, the database pools) bridged, in one registry of the agent's own (not the library's global one).
 */
public final class PrometheusEndpoint {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AgentMetrics events;

    /** The agent's series, Dropwizard's {@code metrics} bridged when given (null: none). */
    public PrometheusEndpoint(MetricRegistry metrics) {
        events = new AgentMetrics(registry);
        if (metrics != null) {
            registry.register(new DropwizardBridge(metrics));
        }
    }

    /** The listener the agent tells its passes, fetches and backups. */
    public AgentEvents events() {
        return events;
    }

    /** Adds the gauges read at each scrape; once. */
    public PrometheusEndpoint reading(AgentState state) {
        StateGauges.register(state, registry);
        return this;
    }

    /** The servlet that answers {@code GET /metrics}. */
    public HttpServlet servlet() {
        return new PrometheusMetricsServlet(registry);
    }

    /** What a scrape would answer now, in the text format (version 0.0.4). */
    public String text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
