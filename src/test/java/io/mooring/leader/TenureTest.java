package io.mooring.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.state.Leadership;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TenureTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long SECOND = 1_000_000_000L;
    private final Leadership.Term term = new Leadership.Term("node-a", 3);

    @Test
    void aTermIsHeldUntilTheRenewDeadlineCountedFromTheStartOfTheRoundThatRenewedIt() {
        Tenure tenure = Tenure.renewed(term, 100 * SECOND);
        assertThat(tenure.current(100 * SECOND, DEADLINE)).contains(term);
        assertThat(tenure.current(129 * SECOND, DEADLINE)).contains(term);
        assertThat(tenure.current(130 * SECOND, DEADLINE)).as("at the deadline it no longer leads").isEmpty();
    }

    @Test
    void aProcessPausedPastTheDeadlineFindsItselfNotLeadingBeforeAskingAnything() {
        Tenure tenure = Tenure.renewed(term, 5 * SECOND);
        long resumed = 5 * SECOND + Duration.ofMinutes(2).toNanos();
        assertThat(tenure.current(resumed, DEADLINE)).isEmpty();
        assertThat(Tenure.NONE.current(0, DEADLINE)).isEmpty();
    }
}
