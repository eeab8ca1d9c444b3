package io.mooring.wiring;

import com.codahale.metrics.Gauge;
import java.util.function.Supplier;

/**
 * A gauge made at its first reading rather than at the agent's start: the open file descriptors' one asks the JVM for
 * its operating-system MXBean, which reads the machine's cgroups as it is made (some 20 ms of every start, for a value
 * only a scrape of {@code /metrics} reads).
 */
final class FirstReadGauge<T> implements Gauge<T> {
    private final Supplier<? extends Gauge<T>> making;
    private volatile Gauge<T> gauge;

    FirstReadGauge(Supplier<? extends Gauge<T>> making) {
        this.making = making;
    }

    @Override
    public T getValue() {
        Gauge<T> made = gauge;
        if (made == null) {
            synchronized (this) {
                if (gauge == null) {
                    gauge = making.get();
                }
                made = gauge;
            }
        }
        return made.getValue();
    }
}
