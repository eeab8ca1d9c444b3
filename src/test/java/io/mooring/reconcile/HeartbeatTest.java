package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.NodeReport;
import io.mooring.state.StateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A heartbeat that cannot be written is given up until the next beat, and nothing it meets escapes. */
class HeartbeatTest {
    private final NodeReport report = new NodeReport("node-a", "1.0", "a", Instant.EPOCH, null, Duration.ofSeconds(1), List.of(), List.of());

    @Test
    void aDatabaseOutageCostsTheBeatNeverTheCallerAndTheNextBeatWritesAgain() {
        AtomicBoolean down = new AtomicBoolean(true);
        List<NodeReport> written = new ArrayList<>();
        Heartbeat heartbeat = new Heartbeat(() -> report, r -> {
            if (down.get()) {
                throw new StateException("the state database cannot be used: connection refused", null);
            }
            written.add(r);
        }, Duration.ofSeconds(1));

        assertThat(heartbeat.beat()).isFalse();
        assertThat(heartbeat.beat()).isFalse();
        down.set(false);
        assertThat(heartbeat.beat()).isTrue();
        assertThat(written).containsExactly(report);
    }

    @Test
    void aReportThatCannotBeMadeIsABeatMissed() {
        Heartbeat heartbeat = new Heartbeat(() -> {
            throw new IllegalStateException("broken");
        }, r -> { }, Duration.ofSeconds(1));

        assertThat(heartbeat.beat()).isFalse();
    }

    /** A checked exception a driver throws past its signature (as some do) costs the beat too, not the heartbeat's thread. */
    @Test
    void aCheckedExceptionThrownPastItsSignatureIsABeatMissed() {
        Heartbeat heartbeat = new Heartbeat(() -> report, r -> sneaky(new java.sql.SQLException("I/O error", "08006")),
                Duration.ofSeconds(1));

        assertThat(heartbeat.beat()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> void sneaky(Exception e) throws E {
        throw (E) e;
    }
}
