package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import io.mooring.MooringApplication;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentBootstrapTest {
    @Test
    void theMapperHasDropwizardsModulesButBlackbird() {
        Set<Object> dropwizards = new HashSet<>(Jackson.newObjectMapper().getRegisteredModuleIds());
        dropwizards.removeIf(id -> id.toString().contains("Blackbird"));
        assertThat(AgentBootstrap.mapper().getRegisteredModuleIds()).containsExactlyInAnyOrderElementsOf(dropwizards);
    }

    @Test
    void theMapperReadsAndWritesAsDropwizardsDoesWithDatesAsText() throws Exception {
        ObjectMapper mapper = AgentBootstrap.mapper();
        record Pass(Instant at, java.util.Optional<String> error, java.time.Duration took) {
        }
        Pass pass = new Pass(Instant.parse("2026-12-02T05:00:00Z"), java.util.Optional.empty(), java.time.Duration.ofMillis(1500));
        String json = mapper.writeValueAsString(pass);
        assertThat(json).isEqualTo("{\"at\":\"2026-12-02T05:00:00Z\",\"error\":null,\"took\":1.500000000}");
        assertThat(mapper.readValue(json, Pass.class)).isEqualTo(pass);
        // Unknown fields are ignored, as Dropwizard's mapper ignores them (the agent file's own factory refuses them).
        assertThat(mapper.readValue("{\"at\":\"2026-12-02T05:00:00Z\",\"later\":1}", Pass.class).at()).isEqualTo(pass.at());
    }

    @Test
    void theJvmMetricsAreDropwizardsSeries() {
        Bootstrap<?> dropwizard = new Bootstrap<>(new MooringApplication());
        dropwizard.registerMetrics();
        MetricRegistry agents = new MetricRegistry();
        AgentBootstrap.jvmMetrics(agents);
        assertThat(agents.getNames()).isEqualTo(dropwizard.getMetricRegistry().getNames());
        assertThat(agents.getGauges().get("jvm.buffers.direct.capacity").getValue())
                .isEqualTo(dropwizard.getMetricRegistry().getGauges().get("jvm.buffers.direct.capacity").getValue());
    }
}
