package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mooring.wiring.Wiring;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's embedded state database held by another process (as a running agent holds it): the command line says so and
 * what to do, instead of H2's message.
 */
class HeldStateDatabaseTest {
    @Test
    void aStateDatabaseAnotherProcessHoldsIsExplained(@TempDir Path home) throws Exception {
        String url = Wiring.embeddedDatabase(home).getUrl();
        try (StateHolder held = new StateHolder(home)) {
            SQLException open = catchThrowableOfType(() -> DriverManager.getConnection(url, "mooring", "").close(), SQLException.class);

            Exception explained = LocalAgent.held(new IllegalStateException("the pool failed", open), home).orElseThrow();
            assertThat(explained).isInstanceOf(UserError.class).hasMessageContaining("held by another process")
                    .hasMessageContaining(home.toString()).hasMessageContaining("systemctl stop mooring");
            assertThat(LocalAgent.held(new IllegalStateException("something else"), home)).isEmpty();
        }
    }
}
