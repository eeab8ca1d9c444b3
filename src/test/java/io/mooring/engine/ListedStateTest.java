package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ObservedContainer;
import org.junit.jupiter.api.Test;

class ListedStateTest {
    @Test
    void anExitedContainerCarriesItsExitCodeFromTheStatusText() {
        assertThat(ListedState.of("exited", "Exited (0) 2 minutes ago")).isEqualTo(ObservedContainer.COMPLETED);
        assertThat(ListedState.of("exited", "Exited (137) About an hour ago")).isEqualTo("exited (137)");
        assertThat(ListedState.of("exited", "Exited (-1) 3 seconds ago")).isEqualTo("exited (-1)");
    }

    @Test
    void otherStatesAndUnreadableTextStayAsListed() {
        assertThat(ListedState.of("running", "Up 5 seconds (healthy)")).isEqualTo("running");
        assertThat(ListedState.of("exited", "")).as("no code: not taken for completed").isEqualTo("exited");
        assertThat(ListedState.of("exited", "Exited (0)x")).isEqualTo(ObservedContainer.COMPLETED);
        assertThat(ListedState.of("exited", "exited (0) 2 minutes ago")).isEqualTo("exited");
        assertThat(ListedState.of("created", "Created")).isEqualTo("created");
        assertThat(ListedState.of(null, null)).isEqualTo("unknown");
    }
}
