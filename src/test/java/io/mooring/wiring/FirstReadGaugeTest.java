package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.FileDescriptorRatioGauge;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FirstReadGaugeTest {
    @Test
    void theGaugeIsMadeAtItsFirstReadingOnlyAndThenRead() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        FirstReadGauge<Integer> gauge = new FirstReadGauge<>(() -> {
            made.incrementAndGet();
            return read::incrementAndGet;
        });
        assertThat(made).hasValue(0);
        assertThat(gauge.getValue()).isEqualTo(1);
        assertThat(gauge.getValue()).isEqualTo(2);
        assertThat(made).hasValue(1);
    }

    @Test
    void theAgentsFileDescriptorRatioReadsAsDropwizardsOwn() {
        MetricRegistry registry = new MetricRegistry();
        AgentBootstrap.jvmMetrics(registry);
        Gauge<?> ours = registry.getGauges().get("jvm.filedescriptor");
        assertThat(ours).isInstanceOf(FirstReadGauge.class);
        assertThat((Double) ours.getValue()).isBetween(0.0, 1.0).isCloseTo(new FileDescriptorRatioGauge().getValue(),
                org.assertj.core.data.Offset.offset(0.01));
    }
}
