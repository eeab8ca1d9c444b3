package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.wiring.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another process holding a home's embedded state database open, as a running agent holds it: H2's own shell. */
final class StateHolder implements AutoCloseable {
    private final Process shell;

    StateHolder(Path home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // H2's shell holds the database open while it waits for a statement on its standard input. It writes as it goes:
        // with the agent's write delay, its background writer stored the new database again ten seconds later, while a
        // test that waited for the engine compared the file's bytes.
        String url = Wiring.embeddedDatabase(home).getUrl().replaceAll("WRITE_DELAY=\\d+", "WRITE_DELAY=0");
        shell = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell", "-url",
                url, "-user", "mooring", "-password", "")).redirectErrorStream(true).start();
        InputStream out = shell.getInputStream();
        StringBuilder said = new StringBuilder();
        while (!Files.exists(home.resolve("state.mv.db")) || !said.toString().contains("sql>")) {
            int c = out.read();
            assertThat(c).as("H2's shell: %s", said).isNotNegative();
            said.append((char) c);
        }
    }

    @Override
    public void close() throws InterruptedException {
        shell.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
