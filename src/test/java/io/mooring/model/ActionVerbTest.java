package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionVerbTest {
    @ParameterizedTest(name = "{0} is spelt {1}")
    @CsvSource({"CREATE, create", "REPLACE, replace", "UPDATE, update", "REMOVE, remove", "DRIFT, drift", "KEEP, keep"})
    void eachVerbIsPrintedAndStoredAsTheWordPlansAlwaysUsed(ActionVerb verb, String word) {
        assertThat(verb.word()).isEqualTo(word);
        assertThat(verb).hasToString(word);
        assertThat(ActionVerb.of(word)).isEqualTo(verb);
    }

    @Test
    void aWordThatIsNoVerbIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> ActionVerb.of("Keep")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Keep'");
    }
}
