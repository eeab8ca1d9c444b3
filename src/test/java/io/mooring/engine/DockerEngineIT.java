package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.HealthCheck;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** Health check, labels, extra hosts and network mode from components.yml reach the engine as written. */
    @Test
    void createsContainersWithEveryDefinedSetting() throws Exception {
        ImageRef image = ImageRef.parse(TestDocker.image("2.0"));
        engine.pull(image);
        String name = "mooring-it-spec-" + UUID.randomUUID().toString().substring(0, 6);
        DesiredContainer spec = new DesiredContainer("itspec", "web", name, image, List.of(), new TreeMap<>(Map.of("A", "1")),
                List.of(), List.of(), "no", new TreeMap<>(Map.of("team", "voice")), List.of("db.internal:10.9.8.7"),
                new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(7), Duration.ofSeconds(3), 4, Duration.ofSeconds(1)),
                new HostAccess(false, "", "", List.of("NET_BIND_SERVICE"), "none"), List.of(), Rollout.DEFAULT,
                new TreeMap<>(Map.of("image", "0badcafe")), "hash");
        String id = engine.create(spec, name, "node-1", new Revision("0123456789abcdef0123456789abcdef01234567", "it"), List.of(), "");
        try {
            String inspect = docker("inspect", "--format",
                    "{{json .Config.Labels}} {{json .HostConfig.ExtraHosts}} {{json .Config.Healthcheck}} {{.HostConfig.NetworkMode}} {{json .HostConfig.CapAdd}}", id);
            assertThat(inspect).contains("\"team\":\"voice\"").contains("\"io.mooring.tenant\":\"itspec\"")
                    .contains("[\"db.internal:10.9.8.7\"]")
                    .contains("\"Test\":[\"CMD-SHELL\",\"true\"]").contains("\"Interval\":7000000000").contains("\"Retries\":4")
                    .contains(" none ").contains("NET_BIND_SERVICE");
        } finally {
            engine.remove(id);
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
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
