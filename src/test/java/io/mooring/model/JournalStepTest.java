package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalStepTest {
    @ParameterizedTest(name = "''{0}'' reads as {1} with detail ''{2}''")
    @CsvSource(value = {
        "creating, CREATING, ''",
        "created, CREATED, ''",
        "hook-migrate, HOOK, migrate",
        "hook-hook-x, HOOK, hook-x",
        "healthy, HEALTHY, ''",
        "removing, REMOVING, ''",
        "Healthy, UNKNOWN, Healthy",
        "hook-, UNKNOWN, hook-",
        "draining, UNKNOWN, draining",
        "'', UNKNOWN, ''",
    })
    void aStoredWordReadsAsItsStepAndIsWrittenBackUnchanged(String stored, JournalStep step, String detail) {
        assertThat(JournalStep.of(stored)).isEqualTo(step);
        assertThat(step.detailOf(stored)).isEqualTo(detail);
        assertThat(step.stored(detail)).isEqualTo(stored);
    }
}
