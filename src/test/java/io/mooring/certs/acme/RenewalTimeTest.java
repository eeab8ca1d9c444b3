package io.mooring.certs.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RenewalTimeTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final RenewalTime NINETY_DAYS = new RenewalTime(ISSUED, ISSUED.plus(Duration.ofDays(90)));
    private static final RenewalTime ONE_MINUTE = new RenewalTime(ISSUED, ISSUED.plusSeconds(60));

    /** A generator whose every draw is the lowest or the highest value it may give. */
    private static RandomGenerator always(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void renewsAtTwoThirdsOfTheLifetimePlusAJitterOfAtMostSixHours() {
        assertThat(NINETY_DAYS.renewAt(always(false))).isEqualTo(ISSUED.plus(Duration.ofDays(60)));
        assertThat(NINETY_DAYS.renewAt(always(true)))
                .isEqualTo(ISSUED.plus(Duration.ofDays(60)).plus(Duration.ofHours(6)).minusMillis(1));
    }

    @Test
    void aShortLifetimeGetsAJitterBelowATwelfthOfIt() {
        assertThat(ONE_MINUTE.renewAt(always(false))).isEqualTo(ISSUED.plusSeconds(40));
        assertThat(ONE_MINUTE.renewAt(always(true))).isEqualTo(ISSUED.plusSeconds(45).minusMillis(1));
    }

    @Test
    void drawsSpreadOverTheWholeWindow() {
        SplittableRandom random = new SplittableRandom(17);
        Instant earliest = Instant.MAX;
        Instant latest = Instant.MIN;
        for (int i = 0; i < 1000; i++) {
            Instant at = NINETY_DAYS.renewAt(random);
            earliest = at.isBefore(earliest) ? at : earliest;
            latest = at.isAfter(latest) ? at : latest;
        }
        assertThat(earliest).isBetween(ISSUED.plus(Duration.ofDays(60)), ISSUED.plus(Duration.ofDays(60)).plus(Duration.ofMinutes(30)));
        assertThat(latest).isBetween(ISSUED.plus(Duration.ofDays(60)).plus(Duration.ofHours(5)),
                ISSUED.plus(Duration.ofDays(60)).plus(Duration.ofHours(6)));
    }

    @Test
    void retriesBackOffByDoublingFromAMinuteUpToSixHours() {
        Instant failed = ISSUED.plus(Duration.ofDays(61));
        assertThat(NINETY_DAYS.retryAt(failed, 1, always(false))).isEqualTo(failed.plus(Duration.ofMinutes(1)));
        assertThat(NINETY_DAYS.retryAt(failed, 2, always(false))).isEqualTo(failed.plus(Duration.ofMinutes(2)));
        assertThat(NINETY_DAYS.retryAt(failed, 5, always(false))).isEqualTo(failed.plus(Duration.ofMinutes(16)));
        assertThat(NINETY_DAYS.retryAt(failed, 9, always(false))).isEqualTo(failed.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(16)));
        assertThat(NINETY_DAYS.retryAt(failed, 10, always(false))).isEqualTo(failed.plus(Duration.ofHours(6)));
        assertThat(NINETY_DAYS.retryAt(failed, Integer.MAX_VALUE, always(true)))
                .isEqualTo(failed.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(36)).minusMillis(1));
    }

    @Test
    void aShortLifetimeRetriesWithinSeconds() {
        Instant failed = ISSUED.plusSeconds(41);
        assertThat(ONE_MINUTE.retryAt(failed, 1, always(false))).isEqualTo(failed.plusSeconds(1));
        assertThat(ONE_MINUTE.retryAt(failed, 3, always(false))).isEqualTo(failed.plusSeconds(4));
        assertThat(ONE_MINUTE.retryAt(failed, 4, always(false))).isEqualTo(failed.plusSeconds(5));
        assertThat(ONE_MINUTE.retryAt(failed, 4, always(true))).isEqualTo(failed.plusMillis(5499));
    }

    @Test
    void refusesAnEmptyLifetimeAndAFailureCountBelowOne() {
        assertThatThrownBy(() -> new RenewalTime(ISSUED, ISSUED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not after its notBefore");
        assertThatThrownBy(() -> NINETY_DAYS.retryAt(ISSUED, 0, always(false))).isInstanceOf(IllegalArgumentException.class);
    }
}
