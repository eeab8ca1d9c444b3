package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.ImageRef;
import io.mooring.testing.TestDocker;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Docker adapter against the real engine socket and the local registry. */
class DockerEngineIT {
    private static Engine engine;

    @BeforeAll
    static void connect() {
        engine = new DockerEngine("unix:///var/run/docker.sock");
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @Test
    void aPooledConnectionStillWorksAfterIdling() throws InterruptedException {
        engine.ping();
        engine.observe("nobody");
        // Longer than the engine's and the client's idle timeouts for keep-alive connections on the socket.
        Thread.sleep(12_000);
        engine.ping();
        assertThat(engine.observe("nobody").containers()).isEmpty();
    }

    @Test
    void pullsFromTheRegistryAndSaysClearlyWhatIsMissing() {
        ImageRef present = ImageRef.parse(TestDocker.image("2.0"));
        engine.pull(present);
        assertThat(engine.hasImage(present)).isTrue();

        ImageRef missing = ImageRef.parse(TestDocker.image("no-such-tag-" + UUID.randomUUID().toString().substring(0, 6)));
        assertThat(engine.hasImage(missing)).isFalse();
        assertThatThrownBy(() -> engine.pull(missing)).isInstanceOf(EngineException.class)
                .hasMessageContaining("pull " + missing);
    }

    @Test
    void removingOrStoppingWhatIsGoneIsSuccess() {
        engine.stop("mooring-it-no-such-container");
        engine.remove("mooring-it-no-such-container");
    }

    @Test
    void anUnreachableEngineIsAnEngineErrorNamingIt() {
        try (Engine nowhere = new DockerEngine("unix:///tmp/mooring-no-such.sock")) {
            assertThatThrownBy(nowhere::ping).isInstanceOf(EngineException.class)
                    .hasMessageContaining("cannot reach the Docker engine at unix:///tmp/mooring-no-such.sock");
        }
    }
}
