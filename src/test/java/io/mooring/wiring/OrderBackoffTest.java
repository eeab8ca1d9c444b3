package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A failed ACME order waits a minute, doubling to an hour, within ±20 %; per tenant and its domains; a success forgets. */
class OrderBackoffTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<String> PBX = List.of("pbx.example.com");

    /** A generator that always draws {@code value} in [0, 1). */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void theWaitDoublesFromAMinuteToAnHour() {
        RandomGenerator middle = fixed(0.5);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 30, Integer.MAX_VALUE).stream().map(n -> OrderBackoff.delay(n, middle)).toList())
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                        Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                        Duration.ofHours(1));
    }

    @Test
    void eachWaitIsDrawnWithinTwentyPercentEitherWay() {
        assertThat(OrderBackoff.delay(1, fixed(0))).isEqualTo(Duration.ofSeconds(48));
        assertThat(OrderBackoff.delay(7, fixed(0))).isEqualTo(Duration.ofMinutes(48));
        RandomGenerator random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            Duration wait = OrderBackoff.delay(1 + i % 9, random);
            Duration base = OrderBackoff.delay(1 + i % 9, fixed(0.5));
            assertThat(wait).isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
        }
    }

    @Test
    void aTenantIsHeldBackUntilItsWaitHasPassedAndASuccessForgetsItsFailures() {
        OrderBackoff backoff = new OrderBackoff();
        assertThat(backoff.holding("acme", PBX, T0)).isEmpty();

        OrderBackoff.Failed first = backoff.failed("acme", PBX, "ACME: pbx.example.com: rate limited", T0, fixed(0.5));
        assertThat(first.until()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(backoff.holding("acme", PBX, T0.plusSeconds(59))).contains(first);
        assertThat(backoff.holding("globex", PBX, T0.plusSeconds(59))).as("per tenant").isEmpty();
        assertThat(backoff.holding("acme", List.of("voice.example.com"), T0.plusSeconds(59))).as("another fqdn is asked at once").isEmpty();
        assertThat(backoff.holding("acme", PBX, T0.plusSeconds(60))).isEmpty();

        OrderBackoff.Failed second = backoff.failed("acme", PBX, "ACME: again", T0.plusSeconds(60), fixed(0.5));
        assertThat(second.failures()).isEqualTo(2);
        assertThat(second.until()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(2)));
        assertThat(second.problem()).isEqualTo("ACME: again");

        backoff.succeeded("acme");
        assertThat(backoff.holding("acme", PBX, T0.plusSeconds(61))).isEmpty();
        assertThat(backoff.failed("acme", PBX, "ACME: once more", T0.plusSeconds(61), fixed(0.5)).failures()).isEqualTo(1);
        assertThat(backoff.failed("acme", List.of("voice.example.com"), "ACME: other", T0.plusSeconds(62), fixed(0.5)).failures())
                .as("other domains count from one").isEqualTo(1);
    }
}
