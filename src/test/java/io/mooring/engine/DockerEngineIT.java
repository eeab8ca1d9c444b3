package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.HealthCheck;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedContainer;
import io.mooring.model.RegistryCredentials;
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
    private static final Engine.Owner WATCHED = new Engine.Owner("itwatch", "");
    private static final Engine.Owner NOBODY = new Engine.Owner("nobody", "");
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
        assertThat(engine.localImage(present)).as("the local image knows its registry digest")
                .contains(new Engine.LocalImage(engine.registryDigest(present)));

        ImageRef missing = ImageRef.parse(TestDocker.image("no-such-tag-" + UUID.randomUUID().toString().substring(0, 6)));
        assertThat(engine.localImage(missing)).isEmpty();
        assertThatThrownBy(() -> engine.pull(missing)).isInstanceOf(EngineException.class)
                .hasMessageContaining("pull " + missing);
    }

    /** A registry that takes the connection and never answers: the pull ends at the agent's timeout, naming the image. */
    @Test
    void aPullFromARegistryThatNeverAnswersEndsAfterThePullTimeout() throws Exception {
        List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             Engine impatient = new DockerEngine("unix:///var/run/docker.sock", List.of(), Duration.ofSeconds(2))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // kept open, never written to
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ImageRef image = ImageRef.parse("127.0.0.1:" + silent.getLocalPort() + "/silent/web:1.0");
            long started = System.nanoTime();

            assertThatThrownBy(() -> impatient.pull(image)).isInstanceOf(EngineException.class)
                    .hasMessageContaining("pull " + image).hasMessageContaining("not done within 2 seconds")
                    .hasMessageContaining("rollout.pullTimeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(held).as("the engine did reach the silent registry").isNotEmpty();
        } finally {
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
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
            engine.remove(id, new Engine.Owner("itspec", "web"));
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

    /** The agent's rollout.registries reach the engine for both the distribution inspect and the pull; nothing else does. */
    @Test
    void aPrivateRegistryIsAskedAndPulledWithTheAgentsCredentials() throws Exception {
        ImageRef image = ImageRef.parse(TestDocker.PRIVATE_REGISTRY + "/private/web:1.0");
        try {
            docker("rmi", image.reference());
        } catch (AssertionError notHere) {
            // not pulled before
        }
        try (Engine anonymous = new DockerEngine("unix:///var/run/docker.sock")) {
            assertThatThrownBy(() -> anonymous.registryDigest(image)).isInstanceOf(EngineException.class)
                    .hasMessageContaining(image.reference()).hasMessageContaining("rollout.registries");
            assertThatThrownBy(() -> anonymous.pull(image)).isInstanceOf(EngineException.class)
                    .hasMessageContaining(image.reference()).hasMessageContaining("rollout.registries");
        }
        List<RegistryCredentials> wrong = List.of(new RegistryCredentials(TestDocker.PRIVATE_REGISTRY, TestDocker.PRIVATE_USER, "not-the-pw"));
        try (Engine mistaken = new DockerEngine("unix:///var/run/docker.sock", wrong)) {
            assertThatThrownBy(() -> mistaken.registryDigest(image)).isInstanceOf(EngineException.class)
                    .hasMessageContaining(image.reference()).hasMessageNotContaining("not-the-pw");
        }
        List<RegistryCredentials> right = List.of(new RegistryCredentials(TestDocker.PRIVATE_REGISTRY, TestDocker.PRIVATE_USER,
                TestDocker.PRIVATE_PASSWORD));
        try (Engine agent = new DockerEngine("unix:///var/run/docker.sock", right)) {
            String digest = agent.registryDigest(image);
            assertThat(digest).startsWith("sha256:");
            agent.pull(image);
            assertThat(agent.localImage(image)).contains(new Engine.LocalImage(digest));
        }
    }

    /** A wait for a container wakes on its events: the start, then each run of its health check. */
    @Test
    void aWatchWakesWhenTheEngineReportsSomethingAboutTheContainer() throws Exception {
        ImageRef image = ImageRef.parse(TestDocker.image("2.0"));
        engine.pull(image);
        String name = "mooring-it-watch-" + UUID.randomUUID().toString().substring(0, 6);
        String id = docker("create", "--name", name, "--label", "io.mooring.tenant=itwatch", image.reference()).strip();
        try (Engine.ContainerWatch watch = engine.watch(id)) {
            watch.await(Duration.ofMillis(500)); // the create, replayed: a watch looks a second back
            assertThat(watch.await(Duration.ofMillis(300))).as("nothing happened since").isEmpty();
            engine.start(id, WATCHED);
            assertThat(awaitEvent(watch, "health_status: healthy")).as("the start, the health check's runs, then its verdict")
                    .contains("start", "health_status: healthy");
            engine.stop(id, WATCHED);
            assertThat(awaitEvent(watch, "die")).contains("die");
        } finally {
            engine.remove(id, WATCHED);
        }
    }

    @Test
    void aContainerTheEngineStartedAgainStillSaysHowItExited() throws Exception {
        ImageRef image = ImageRef.parse(TestDocker.image("2.0"));
        engine.pull(image);
        String name = "mooring-it-restarted-" + UUID.randomUUID().toString().substring(0, 6);
        String id = docker("run", "-d", "--name", name, "--label", "io.mooring.tenant=itrestart", "--restart", "always",
                "--entrypoint", "sh", image.reference(), "-c", "sleep 1; exit 3").strip();
        try {
            ContainerStatus status = engine.status(id);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(status.restarts() > 0 && "running".equals(status.state())) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = engine.status(id);
            }
            assertThat(status.restarts()).as("started again by the engine").isPositive();
            assertThat(status.state()).isEqualTo("running");
            assertThat(status.exitCode()).as("how it exited, not the running one's 0").isEqualTo(3);
            assertThat(status.toString()).startsWith("exited with code 3");
        } finally {
            docker("rm", "-f", id);
        }
    }

    /** Every event until {@code wanted}, or until nothing happened for 30 s. */
    private static List<String> awaitEvent(Engine.ContainerWatch watch, String wanted) {
        List<String> seen = new java.util.ArrayList<>();
        while (!seen.contains(wanted)) {
            List<String> events = watch.await(Duration.ofSeconds(30));
            if (events.isEmpty()) {
                break;
            }
            seen.addAll(events);
        }
        return seen;
    }

    @Test
    void renamingToTheNameAContainerHasIsSuccessAndAnonymousVolumesAreObserved() throws Exception {
        ImageRef image = ImageRef.parse(TestDocker.image("2.0"));
        engine.pull(image);
        String tenant = "itanon" + UUID.randomUUID().toString().substring(0, 6);
        String name = tenant + "-web";
        String id = docker("create", "--name", name, "--label", "io.mooring.tenant=" + tenant, "-v", "/cache",
                image.reference()).strip();
        try {
            engine.rename(id, name, new Engine.Owner(tenant, ""));
            engine.rename(id, name + "-renamed", new Engine.Owner(tenant, ""));
            ObservedContainer seen = engine.observe(tenant).containers().get(0);
            assertThat(seen.name()).isEqualTo(name + "-renamed");
            assertThat(seen.anonymousVolumes()).singleElement().satisfies(v -> {
                assertThat(v.target()).isEqualTo("/cache");
                assertThat(v.source()).matches("[0-9a-f]{64}");
            });
            assertThat(seen.volumes()).isEmpty();
            assertThatThrownBy(() -> engine.rename("mooring-it-no-such-container", "x", NOBODY)).isInstanceOf(EngineException.class)
                    .hasMessageContaining("not found");
        } finally {
            docker("rm", "-f", "-v", id); // with its anonymous volume
        }
    }

    @Test
    void removingOrStoppingWhatIsGoneIsSuccess() {
        engine.stop("mooring-it-no-such-container", NOBODY);
        engine.remove("mooring-it-no-such-container", NOBODY);
    }

    @Test
    void anUnreachableEngineIsAnEngineErrorNamingIt() {
        try (Engine nowhere = new DockerEngine("unix:///tmp/mooring-no-such.sock")) {
            assertThatThrownBy(nowhere::ping).isInstanceOf(EngineException.class)
                    .hasMessageContaining("cannot reach the Docker engine at unix:///tmp/mooring-no-such.sock");
        }
    }
}
