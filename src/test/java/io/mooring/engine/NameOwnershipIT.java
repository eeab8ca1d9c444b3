package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.HealthCheck;
import io.mooring.model.HostAccess;
import io.mooring.model.Hook;
import io.mooring.model.ImageRef;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import io.mooring.testing.TestDocker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A name is not an owner: tenants whose names run together, a container another tool started, a volume made by
 * hand. Mooring refuses to act on any of them by name, says whose they are, and leaves them as they were.
 */
class NameOwnershipIT {
    private static final Revision REVISION = new Revision("0123456789abcdef0123456789abcdef01234567", "it");
    private final String prefix = "own" + UUID.randomUUID().toString().substring(0, 6);
    private final TestDocker docker = new TestDocker();
    private final Engine engine = new DockerEngine("unix:///var/run/docker.sock");
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        containers.forEach(docker::removeContainer);
        for (String volume : volumes) {
            TestDocker.cli("volume", "rm", "-f", volume);
        }
        // The tenants' networks that creating their containers made.
        docker.networkNames().stream().filter(n -> n.startsWith(io.mooring.model.TenantNetwork.name(prefix))).forEach(docker::removeNetwork);
        docker.close();
        engine.close();
    }

    @Test
    void aTenantWhoseNameRunsIntoAnothersNeverTouchesTheFirstTenantsContainer() throws Exception {
        collide(new DesiredContainer[] {spec(prefix + "-acme-web", "db"), spec(prefix + "-acme", "web-db")});
    }

    @Test
    void theSameCollisionTheOtherWayRoundIsRefusedToo() throws Exception {
        collide(new DesiredContainer[] {spec(prefix + "-acme", "web-db"), spec(prefix + "-acme-web", "db")});
    }

    private void collide(DesiredContainer[] tenants) throws Exception {
        DesiredContainer first = tenants[0];
        DesiredContainer second = tenants[1];
        assertThat(first.containerName()).isEqualTo(second.containerName());
        String name = first.containerName();
        String theirs = engine.create(first, name, "node-1", REVISION, List.of(), "");
        containers.add(theirs);
        engine.start(theirs, owner(first));
        String refusal = "container " + name + " is not tenant " + second.tenant() + "'s (it belongs to tenant " + first.tenant()
                + "); Mooring never touches it";

        assertThatThrownBy(() -> engine.create(second, name, "node-1", REVISION, List.of(), "")).hasMessage(refusal);
        assertThatThrownBy(() -> engine.remove(name, owner(second))).hasMessage(refusal);
        assertThatThrownBy(() -> engine.stop(name, owner(second))).hasMessage(refusal);
        assertThatThrownBy(() -> engine.rename(name, name + "-old", owner(second))).hasMessage(refusal);

        assertThat(docker.inspect(theirs).getName()).isEqualTo("/" + name);
        assertThat(docker.inspect(theirs).getState().getRunning()).isTrue();
    }

    @Test
    void aForeignContainerHoldingATenantsNameIsReportedAndKeepsRunning() throws Exception {
        DesiredContainer web = spec(prefix, "web");
        String foreign = docker.runForeign(web.containerName(), TestDocker.image("1.0"), Map.of());
        containers.add(foreign);
        String refusal = "container " + web.containerName() + " is not tenant " + prefix
                + "'s (it carries no Mooring labels); Mooring never touches it";

        assertThatThrownBy(() -> engine.create(web, web.containerName(), "node-1", REVISION, List.of(), "")).hasMessage(refusal);
        assertThatThrownBy(() -> engine.remove(web.containerName(), owner(web))).hasMessage(refusal);
        assertThatThrownBy(() -> engine.start(web.containerName(), owner(web))).hasMessage(refusal);

        assertThat(docker.inspect(foreign).getState().getRunning()).isTrue();
    }

    @Test
    void aForeignContainerNamedLikeAHookJobIsLeftAloneAndTheHookFails() throws Exception {
        DesiredContainer web = spec(prefix, "web");
        String jobName = web.containerName() + "-hook-migrate";
        String foreign = docker.runForeign(jobName, TestDocker.image("1.0"), Map.of());
        containers.add(foreign);
        Hook migrate = new Hook("migrate", Hook.Stage.BEFORE, List.of("true"), Duration.ofSeconds(30));

        assertThatThrownBy(() -> engine.runJob(web, migrate, "node-1", REVISION, "")).hasMessage("container " + jobName
                + " is not tenant " + prefix + "'s (it carries no Mooring labels); Mooring never touches it");

        assertThat(docker.inspect(foreign).getName()).isEqualTo("/" + jobName);
        assertThat(docker.inspect(foreign).getState().getRunning()).isTrue();
    }

    @Test
    void anUnlabelledVolumeNamedLikeATenantsIsNotAdoptedAndItsDataIsKept() throws Exception {
        String volume = prefix + "-data";
        docker.createVolume(volume, Map.of());
        volumes.add(volume);
        TestDocker.cli("run", "--rm", "-v", volume + ":/data", TestDocker.image("1.0"), "sh", "-c", "echo kept > /data/file");

        assertThatThrownBy(() -> engine.ensureVolume(volume, prefix)).hasMessageStartingWith("volume " + volume + " is not tenant "
                + prefix + "'s (it carries no Mooring labels); Mooring never adopts it");

        assertThat(TestDocker.cli("volume", "inspect", "--format", "{{json .Labels}}", volume)).isIn("null", "{}");
        assertThat(TestDocker.cli("run", "--rm", "-v", volume + ":/data", TestDocker.image("1.0"), "cat", "/data/file")).isEqualTo("kept");
    }

    @Test
    void aVolumeLabelledForAnotherTenantIsNotAdoptedEither() throws Exception {
        String volume = prefix + "-shared";
        docker.createVolume(volume, Map.of("io.mooring.tenant", prefix + "-other"));
        volumes.add(volume);

        assertThatThrownBy(() -> engine.ensureVolume(volume, prefix)).hasMessageContaining("(it belongs to tenant " + prefix + "-other)");
        assertThat(engine.ensureVolume(volume, prefix + "-other")).as("its own tenant uses it").isFalse();
    }

    @Test
    void aTenantsVolumeThatBindsAHostFolderIsNotMounted() throws Exception {
        String volume = prefix + "-bound";
        TestDocker.cli("volume", "create", "--label", "io.mooring.tenant=" + prefix, "--opt", "type=none", "--opt", "o=bind",
                "--opt", "device=/tmp", volume);
        volumes.add(volume);

        assertThatThrownBy(() -> engine.ensureVolume(volume, prefix)).hasMessageStartingWith("volume " + volume + " of tenant "
                + prefix + " binds a host folder").hasMessageContaining("a bind mount under the service's volumes:");

        String plain = prefix + "-plain";
        docker.createVolume(plain, Map.of("io.mooring.tenant", prefix));
        volumes.add(plain);
        assertThat(engine.ensureVolume(plain, prefix)).as("a tenant's ordinary volume is used as it is").isFalse();
    }

    @Test
    void anImagesLabelsNeverStandInForMooringsOwn() throws Exception {
        DesiredContainer base = spec(prefix, "web");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("labelled");
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM " + TestDocker.image("1.0") + "\nLABEL"
                + " io.mooring.prune-volumes=true io.mooring.job=evil io.mooring.external-volumes=x io.mooring.stop-timeout=0"
                + " io.mooring.ports=127.0.0.1:1:1/tcp io.mooring.digest=sha256:0\n");
        String tag = "mooring-labelled-" + prefix + ":1";
        TestDocker.cli("build", "-q", "-t", tag, dir.toString());
        try {
            DesiredContainer web = new DesiredContainer(base.tenant(), base.component(), base.containerName(), ImageRef.parse(tag),
                    List.of(), new TreeMap<>(), List.of(), List.of(), "no", new TreeMap<>(), List.of(), base.healthcheck(),
                    base.access(), List.of(), Rollout.DEFAULT, new TreeMap<>(Map.of("image", "0badcafe")), "hash");
            String id = engine.create(web, web.containerName(), "node-1", REVISION, List.of(), "");
            containers.add(id);

            assertThat(docker.inspect(id).getConfig().getLabels()).containsEntry("io.mooring.prune-volumes", "false")
                    .containsEntry("io.mooring.job", "").containsEntry("io.mooring.external-volumes", "")
                    .containsEntry("io.mooring.stop-timeout", "").containsEntry("io.mooring.ports", "")
                    .containsEntry("io.mooring.digest", "");
        } finally {
            TestDocker.cli("image", "rm", "-f", tag);
            java.nio.file.Files.delete(dir.resolve("Dockerfile"));
            java.nio.file.Files.delete(dir);
        }
    }

    private static Engine.Owner owner(DesiredContainer spec) {
        return new Engine.Owner(spec.tenant(), spec.component());
    }

    private DesiredContainer spec(String tenant, String component) {
        ImageRef image = ImageRef.parse(TestDocker.image("1.0"));
        engine.pull(image);
        return new DesiredContainer(tenant, component, tenant + "-" + component, image, List.of(), new TreeMap<>(), List.of(), List.of(),
                "no", new TreeMap<>(), List.of(),
                new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(7), Duration.ofSeconds(3), 4, Duration.ofSeconds(1)),
                new HostAccess(false, "", "", List.of(), ""), List.of(), Rollout.DEFAULT, new TreeMap<>(Map.of("image", "0badcafe")), "hash");
    }
}
