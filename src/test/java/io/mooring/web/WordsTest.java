package io.mooring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.PassStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state a tenant is shown in per pass status, its colour, and the page's ages. */
class WordsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @ParameterizedTest
    @CsvSource({"CONVERGED, converged, ok", "FAILED, failed, bad", "HELD, held, bad", "DEFERRED, deferred, warn", "DRIFTED, drifted, warn",
            "INTERNAL, internal error, bad", "INVALID, invalid, bad", "REFUSED, refused, bad", "UNAVAILABLE, unavailable, warn"})
    void eachPassStatusHasItsWordAndTone(String status, String word, String tone) {
        assertThat(Words.state(status)).isEqualTo(word);
        assertThat(Words.tone(status)).isEqualTo(tone);
    }

    @Test
    void everyStatusIsCoveredAndNoPassOrAnUnknownOneIsNeutral() {
        EnumSet.allOf(PassStatus.class).forEach(s -> assertThat(Words.tone(s.name())).as(s.name()).isNotEqualTo("none"));
        assertThat(Words.state("")).isEqualTo("no pass yet");
        assertThat(Words.state(null)).isEqualTo("no pass yet");
        assertThat(Words.tone("")).isEqualTo("none");
        assertThat(Words.state("FROM_A_NEWER_AGENT")).isEqualTo("from_a_newer_agent");
        assertThat(Words.tone("FROM_A_NEWER_AGENT")).isEqualTo("none");
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "59, 59s", "60, 1m", "3599, 59m", "3600, 1h 0m", "11100, 3h 5m", "86399, 23h 59m", "86400, 1d 0h", "187200, 2d 4h"})
    void spansInTheirTwoLargestUnits(long seconds, String shown) {
        assertThat(Words.span(Duration.ofSeconds(seconds))).isEqualTo(shown);
    }

    @Test
    void agesAndExpiries() {
        assertThat(Words.age(NOW.minusSeconds(42), NOW)).isEqualTo("42s ago");
        assertThat(Words.age(NOW.plusSeconds(5), NOW)).as("a clock a little ahead").isEqualTo("0s ago");
        assertThat(Words.age(null, NOW)).isEqualTo("never");
        assertThat(Words.until(NOW.plus(Duration.ofDays(89).plusHours(2)), NOW)).isEqualTo("in 89d 2h");
        assertThat(Words.until(NOW.minusSeconds(3 * 3600), NOW)).isEqualTo("expired 3h 0m ago");
        assertThat(Words.until(null, NOW)).isEqualTo("-");
    }

    @Test
    void shortIds() {
        assertThat(Words.shortId("0123456789abcdef0123")).isEqualTo("0123456789ab");
        assertThat(Words.shortId("abc")).isEqualTo("abc");
        assertThat(Words.shortId("")).isEqualTo("-");
        assertThat(Words.shortId(null)).isEqualTo("-");
    }
}
