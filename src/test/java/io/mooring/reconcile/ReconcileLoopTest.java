package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconcileLoopTest {
    @Test
    void waitsTheIntervalThenBacksOffExponentiallyUpToFiveMinutesWhileTheRepositoryIsDown() {
        assertThat(ReconcileLoop.waitMillis(30_000, 0)).isEqualTo(30_000);
        assertThat(ReconcileLoop.waitMillis(30_000, 1)).isEqualTo(60_000);
        assertThat(ReconcileLoop.waitMillis(30_000, 3)).isEqualTo(240_000);
        assertThat(ReconcileLoop.waitMillis(30_000, 4)).isEqualTo(300_000);
        assertThat(ReconcileLoop.waitMillis(30_000, 1_000)).isEqualTo(300_000);
    }

    @Test
    void anIntervalLongerThanTheCapIsKept() {
        assertThat(ReconcileLoop.waitMillis(600_000, 5)).isEqualTo(600_000);
    }
}
