package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.docker.DockerSwarm;
import io.mooring.model.DesiredService;
import io.mooring.model.HealthCheck;
import io.mooring.model.ImageRef;
import io.mooring.model.Labels;
import io.mooring.model.ObservedService;
import io.mooring.model.PortMapping;
import io.mooring.model.SwarmFile;
import io.mooring.model.SwarmResources;
import io.mooring.model.SwarmRestart;
import io.mooring.model.SwarmUpdate;
import io.mooring.model.VolumeMount;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestEngines;
import io.mooring.testing.TestSwarm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link DockerSwarm} against the single-node Swarm manager of scripts/test-env: one tenant's service created, updated,
 * rolled back by Swarm after an image that crashes and one never healthy, rolled back on request, scaled, its secret
 * rotated; a new service that never starts; and the tenant removed. The steps run in order on one service, each from where the last left it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmEngineIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Healthy once it serves its page, and never for the image that says it is unhealthy (its page is served all the same). */
    private static final HealthCheck HEALTH = new HealthCheck(List.of("CMD-SHELL",
            "test \"$VERSION\" != unhealthy && wget -q -O /dev/null http://127.0.0.1:8080/"),
            Duration.ofSeconds(1), Duration.ofSeconds(2), 2, Duration.ZERO);

    private final String tenant = "swarm" + Long.toHexString(System.nanoTime() & 0xffffffL);
    private final String network = tenant + "-net";
    private final int port = 18100 + (int) (System.nanoTime() % 800);
    private TestSwarm swarm;
    private DockerSwarm engine;
    private String serviceId;
    private SwarmFile secret;
    private SwarmFile config;

    @BeforeAll
    void connect() {
        swarm = new TestSwarm();
        swarm.labelNode("mooring.role", "web");
        engine = new DockerSwarm(TestEngines.swarmHost());
        secret = file(true, "token", "/run/secrets/token", "first token");
        config = file(false, "site", "/etc/site.conf", "listen 8080");
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (swarm != null) {
            swarm.removeTenant(tenant);
            swarm.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @Order(1)
    void createsAServiceWhoseTasksRunHealthy() throws Exception {
        assertThat(engine.manager()).isTrue();
        engine.ensureNetwork(network, tenant);
        engine.ensureNetwork(network, tenant);
        engine.ensureFiles(tenant, List.of(secret, config));
        engine.ensureFiles(tenant, List.of(secret, config));

        serviceId = engine.create(web("1.0", 2, secret), "rev1", pinned("1.0"), TestDocker.registryDigest("1.0"));
        SwarmEngine.Rollout rollout = engine.await(serviceId, WAIT);

        assertThat(rollout.completed()).as(rollout.toString()).isTrue();
        ObservedService observed = only();
        assertThat(observed.id()).isEqualTo(serviceId);
        assertThat(observed.name()).isEqualTo(tenant + "-web");
        assertThat(List.of(observed.component(), observed.revision(), observed.image(), observed.digest(), observed.specHash()))
                .containsExactly("web", "rev1", TestDocker.REGISTRY + "/demo/web:1.0", TestDocker.registryDigest("1.0"), "hash-1.0-2-" + secret.name());
        assertThat(observed.desired()).isEqualTo(2);
        assertThat(observed.running()).isEqualTo(2);
        assertThat(observed.tasks()).filteredOn(t -> t.state().equals("running")).hasSize(2)
                .allSatisfy(t -> assertThat(t.node()).isNotEmpty());
        var spec = swarm.service(serviceId).getSpec();
        assertThat(spec.getTaskTemplate().getContainerSpec().getImage()).isEqualTo(pinned("1.0"));
        assertThat(spec.getTaskTemplate().getContainerSpec().getLabels()).containsEntry(Labels.TENANT, tenant)
                .containsEntry(Labels.COMPONENT, "web");
        assertThat(spec.getTaskTemplate().getResources().getLimits().getMemoryBytes()).isEqualTo(64L << 20);
        assertThat(cli("{{.Spec.TaskTemplate.Resources.Limits.Pids}}")).isEqualTo("200");
        assertThat(spec.getEndpointSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPublishedPort()).isEqualTo(port);
            assertThat(p.getTargetPort()).isEqualTo(8080);
            assertThat(p.getPublishMode()).isEqualTo(com.github.dockerjava.api.model.PortConfig.PublishMode.ingress);
        });
        assertThat(spec.getTaskTemplate().getPlacement().getConstraints()).containsExactly("node.labels.mooring.role==web");
        assertThat(swarm.files(tenant, true)).containsExactly(secret.name());
        assertThat(swarm.files(tenant, false)).containsExactly(config.name());
    }

    @Test
    @Order(2)
    void updatesToANewImage() throws Exception {
        engine.update(only(), web("1.1", 2, secret), "rev2", pinned("1.1"), TestDocker.registryDigest("1.1"));
        SwarmEngine.Rollout rollout = engine.await(serviceId, WAIT);

        assertThat(rollout.completed()).as(rollout.toString()).isTrue();
        assertThat(rollout.state()).isEqualTo("completed");
        assertThat(swarm.image(serviceId)).isEqualTo(pinned("1.1"));
        assertThat(only().image()).isEqualTo(TestDocker.REGISTRY + "/demo/web:1.1");
        assertThat(only().running()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void anImageThatCrashesIsRolledBackBySwarm() throws Exception {
        engine.update(only(), web("crash", 2, secret), "rev3", pinned("crash"), TestDocker.registryDigest("crash"));
        SwarmEngine.Rollout rollout = engine.await(serviceId, WAIT);

        assertThat(rollout.completed()).as(rollout.toString()).isFalse();
        assertThat(rollout.state()).isIn("rollback_completed", "paused", "rollback_paused");
        assertThat(rollout.taskError()).isNotEmpty();
        assertThat(rollout.exitCode()).isEqualTo(3);
        assertThat(swarm.image(serviceId)).isEqualTo(pinned("1.1"));
        assertThat(only().revision()).isEqualTo("rev2");
    }

    @Test
    @Order(4)
    void anImageNeverHealthyIsRolledBackBySwarm() throws Exception {
        engine.update(only(), web("unhealthy", 2, secret), "rev4", pinned("unhealthy"), TestDocker.registryDigest("unhealthy"));
        SwarmEngine.Rollout rollout = engine.await(serviceId, WAIT);

        assertThat(rollout.completed()).as(rollout.toString()).isFalse();
        assertThat(rollout.state()).isIn("rollback_completed", "paused", "rollback_paused");
        assertThat(rollout.taskError()).as(rollout.toString()).contains("health check");
        assertThat(rollout.exitCode()).as(rollout.toString()).isNotNull().isNotEqualTo(3);
        assertThat(swarm.image(serviceId)).isEqualTo(pinned("1.1"));
    }

    @Test
    @Order(5)
    void aRollbackAskedForReturnsToThePreviousImage() throws Exception {
        engine.update(only(), web("1.0", 2, secret), "rev5", pinned("1.0"), TestDocker.registryDigest("1.0"));
        assertThat(engine.await(serviceId, WAIT).completed()).isTrue();

        engine.rollback(only());
        SwarmEngine.Rollout rollout = engine.await(serviceId, WAIT);

        assertThat(rollout.state()).as(rollout.toString()).isEqualTo("rollback_completed");
        assertThat(swarm.image(serviceId)).isEqualTo(pinned("1.1"));
        assertThat(only().revision()).isEqualTo("rev2");
    }

    @Test
    @Order(6)
    void scalesFromTwoToThreeTasks() throws Exception {
        engine.update(only(), web("1.1", 3, secret), "rev6", pinned("1.1"), TestDocker.registryDigest("1.1"));
        SwarmEngine.Rollout rollout = engine.await(serviceId, WAIT);

        assertThat(rollout.completed()).as(rollout.toString()).isTrue();
        assertThat(only().desired()).isEqualTo(3);
        assertThat(only().running()).isEqualTo(3);
    }

    @Test
    @Order(7)
    void aRotatedSecretIsANewOneAndTheOldOneIsPruned() throws Exception {
        SwarmFile rotated = file(true, "token", "/run/secrets/token", "second token");
        assertThat(rotated.name()).isNotEqualTo(secret.name());
        engine.ensureFiles(tenant, List.of(rotated, config));

        engine.update(only(), web("1.1", 3, rotated), "rev7", pinned("1.1"), TestDocker.registryDigest("1.1"));
        assertThat(engine.await(serviceId, WAIT).completed()).isTrue();
        engine.pruneFiles(tenant, Set.of(rotated.name(), config.name()));

        assertThat(swarm.files(tenant, true)).containsExactly(rotated.name());
        // Kept by no one's word but used by the service: still there.
        engine.pruneFiles(tenant, Set.of());
        assertThat(swarm.files(tenant, true)).containsExactly(rotated.name());
        assertThat(swarm.files(tenant, false)).containsExactly(config.name());
    }

    @Test
    @Order(8)
    void aNewServiceWhoseTasksKeepFailingIsReported() throws Exception {
        DesiredService crash = new DesiredService(tenant, "crash", tenant + "-crash", ImageRef.parse(TestDocker.REGISTRY + "/demo/web:crash"),
                List.of(), new TreeMap<>(), List.of(), List.of(), null, 1, List.of(), SwarmUpdate.defaults(Duration.ofSeconds(5)),
                new SwarmRestart("any", Duration.ofMillis(500), 0, Duration.ZERO), SwarmResources.NONE, List.of(), List.of(),
                new TreeMap<>(), "hash-crash");
        String id = engine.create(crash, "rev8", pinned("crash"), TestDocker.registryDigest("crash"));
        SwarmEngine.Rollout rollout = engine.await(id, WAIT);

        assertThat(rollout.completed()).as(rollout.toString()).isFalse();
        assertThat(rollout.state()).isEqualTo("failed");
        assertThat(rollout.taskError()).contains("exit (3)");
        assertThat(rollout.exitCode()).isEqualTo(3);
        assertThat(engine.services(tenant)).extracting(ObservedService::component).containsExactly("crash", "web");
    }

    @Test
    @Order(9)
    void anotherTenantsNetworkOfTheNameAndAPortOnOneAddressAreRefused() {
        assertThatThrownBy(() -> engine.ensureNetwork(network, "someone-else"))
                .isInstanceOf(EngineException.class).hasMessageContaining("belongs to tenant " + tenant);
        DesiredService local = web("1.1", 1, secret);
        DesiredService onOneAddress = new DesiredService(tenant, "local", tenant + "-local", local.image(), List.of(), local.environment(),
                List.of(PortMapping.parse("127.0.0.1:" + (port + 1) + ":8080")), List.of(), null, 1, List.of(), local.update(),
                local.restart(), SwarmResources.NONE, List.of(), List.of(), local.specFields(), "hash-local");
        assertThatThrownBy(() -> engine.create(onOneAddress, "rev9", pinned("1.1"), "sha256:x"))
                .isInstanceOf(EngineException.class).hasMessageContaining("every address of every node");
        assertThat(engine.services(tenant)).extracting(ObservedService::component).containsExactly("crash", "web");
    }

    @Test
    @Order(10)
    void removingTheTenantLeavesItsVolume() throws Exception {
        engine.services(tenant).forEach(engine::remove);
        engine.services(tenant).forEach(engine::remove);
        assertThat(engine.services(tenant)).isEmpty();

        engine.pruneFiles(tenant, Set.of());
        assertThat(swarm.files(tenant, true)).isEmpty();
        assertThat(swarm.files(tenant, false)).isEmpty();

        // The tasks' containers leave the network in the background: until then it is not removed, and no error.
        List<String> removed = List.of();
        long deadline = System.currentTimeMillis() + 30_000;
        while (removed.isEmpty() && System.currentTimeMillis() < deadline) {
            removed = engine.removeNetworks(tenant);
            Thread.sleep(500);
        }
        assertThat(removed).containsExactly(network);
        // The manager removes it from the swarm at once, the node's own copy shortly after.
        deadline = System.currentTimeMillis() + 10_000;
        while (swarm.networkExists(network) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(swarm.networkExists(network)).isFalse();
        assertThat(swarm.volumeExists(tenant + "_data")).isTrue();
    }

    private ObservedService only() {
        List<ObservedService> services = engine.services(tenant);
        assertThat(services).hasSize(1);
        return services.get(0);
    }

    private DesiredService web(String tag, int replicas, SwarmFile token) {
        SwarmUpdate update = new SwarmUpdate(1, Duration.ZERO, SwarmUpdate.START_FIRST, "rollback", Duration.ofSeconds(5), 0);
        return new DesiredService(tenant, "web", tenant + "-web", ImageRef.parse(TestDocker.REGISTRY + "/demo/web:" + tag), List.of(),
                new TreeMap<>(Map.of("GREETING", "hello")), List.of(PortMapping.parse(port + ":8080")), List.of(VolumeMount.parse(tenant + "_data:/data")), HEALTH, replicas,
                List.of("node.labels.mooring.role==web"), update, new SwarmRestart("any", Duration.ofSeconds(1), 0, Duration.ZERO),
                new SwarmResources(0, 64L << 20, 200, 0, 0), List.of(token, config), List.of(network),
                new TreeMap<>(Map.of("image", tag)), "hash-" + tag + "-" + replicas + "-" + token.name());
    }

    private static String pinned(String tag) throws Exception {
        return TestDocker.REGISTRY + "/demo/web:" + tag + "@" + TestDocker.registryDigest(tag);
    }

    private SwarmFile file(boolean isSecret, String key, String target, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String hash;
        try {
            hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new SwarmFile(isSecret, key, tenant + "-" + key + "-" + hash, target, 0444, "0", "0", bytes);
    }

    /** A field of the service as the docker CLI reads it (docker-java's model lacks some, such as the process limit). */
    private String cli(String format) throws Exception {
        Process process = new ProcessBuilder("docker", "-H", TestEngines.swarmHost(), "service", "inspect", "--format", format, serviceId)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
