package io.mooring.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dropwizard's own metrics (the JVM's, Jetty's, the database pools', Jersey's) through Prometheus' bridge, their names
 * tidied the way Prometheus' conventions ask ({@code promtool check metrics}): snake case in lower case, no
 * {@code _count} or {@code _total} ending on a gauge, none ending as Prometheus reserves ({@code _info}: logback's
 * count of INFO lines is left out). A name that two metrics would share after tidying is kept once.
 */
final class DropwizardBridge implements MultiCollector {
    /** Names the bridge would cut short (logback's {@code Appender.info} meter would lose its level): left out. */
    private static final Pattern RESERVED = Pattern.compile("(?i)[._-](info|created)$");
    private final MultiCollector exports;

    DropwizardBridge(MetricRegistry registry) {
        this.exports = new DropwizardExports(registry, (name, metric) -> !RESERVED.matcher(name).find());
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> tidied = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MetricSnapshot snapshot : exports.collect()) {
            MetricSnapshot one = tidy(snapshot);
            if (one != null && seen.add(one.getMetadata().getPrometheusName())) {
                tidied.add(one);
            }
        }
        return new MetricSnapshots(tidied);
    }

    private static MetricSnapshot tidy(MetricSnapshot snapshot) {
        MetricMetadata metadata = snapshot.getMetadata();
        String name = snakeCase(metadata.getName());
        if (snapshot instanceof GaugeSnapshot gauge) {
            return new GaugeSnapshot(new MetricMetadata(gaugeName(name), metadata.getHelp()), gauge.getDataPoints());
        }
        if (snapshot instanceof CounterSnapshot counter) {
            return new CounterSnapshot(new MetricMetadata(name, metadata.getHelp()), counter.getDataPoints());
        }
        if (snapshot instanceof SummarySnapshot summary) {
            return new SummarySnapshot(new MetricMetadata(name, metadata.getHelp()), summary.getDataPoints());
        }
        return null;
    }

    /** {@code QueuedThreadPool.dw-admin.jobs} → {@code queued_thread_pool_dw_admin_jobs}. */
    static String snakeCase(String name) {
        String split = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
        return split.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_:]", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
    }

    /** A gauge's name does not end as a counter's or a summary's would: {@code jvm_threads_count} → {@code jvm_threads}. */
    static String gaugeName(String name) {
        for (String ending : List.of("_count", "_total", "_sum", "_bucket")) {
            if (name.endsWith(ending)) {
                return name.substring(0, name.length() - ending.length());
            }
        }
        return name;
    }
}
