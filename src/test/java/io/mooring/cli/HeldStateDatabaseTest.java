package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mooring.wiring.Wiring;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // H2's shell holds the database open while it waits for a statement on its standard input.
        Process holder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell", "-url", url,
                "-user", "mooring", "-password", "")).redirectErrorStream(true).start();
        try {
            InputStream out = holder.getInputStream();
            StringBuilder said = new StringBuilder();
            while (!Files.exists(home.resolve("state.mv.db")) || !said.toString().contains("sql>")) {
                int c = out.read();
                assertThat(c).as("H2's shell: %s", said).isNotNegative();
                said.append((char) c);
            }
            SQLException open = catchThrowableOfType(() -> DriverManager.getConnection(url, "mooring", "").close(), SQLException.class);

            Exception explained = LocalAgent.held(new IllegalStateException("the pool failed", open), home).orElseThrow();
            assertThat(explained).isInstanceOf(UserError.class).hasMessageContaining("held by another process")
                    .hasMessageContaining(home.toString()).hasMessageContaining("systemctl stop mooring");
            assertThat(LocalAgent.held(new IllegalStateException("something else"), home)).isEmpty();
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
