package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mooring.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent in the test's JVM, its state database opened aside ({@link StateAside}): a damaged one still fails its start. */
class StateAsideIT {
    @TempDir
    Path home;

    @Test
    void theAgentWhoseDatabaseCannotBeOpenedDoesNotStart(@TempDir Path tmp) throws Exception {
        Files.writeString(home.resolve("state.mv.db"), "not a database\n".repeat(300));

        Throwable failure = catchThrowable(() -> new TestAgent(tmp.resolve("agent.yml"), tmp.resolve("repo").toString(), home, "").close());

        assertThat(failure).as("the agent's start").isNotNull().hasStackTraceContaining("StateException: cannot bring the state"
                + " database up to date: IO Exception: \"" + home.resolve("state.mv.db") + "\"");
    }
}
