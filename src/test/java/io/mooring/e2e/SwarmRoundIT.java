package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.mooring.model.NodeReport;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.NodeReporter;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestEngines;
import io.mooring.testing.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant with {@code mooring_engine: swarm} through the agent's own rounds, on the test swarm (scripts/test-env's
 * engine 4), taken through its life in order: created, upgraded, a crashing image that fails the pass and puts back the
 * service updated before it, the revision held, a never-healthy image, replicas changed, a secret rotated, drift healed,
 * and the tenant removed (services, secrets and network gone, its volume kept).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmRoundIT {
    private static final String COMPONENTS = """
            services:
              web:
                image: %1$s/demo/web:${web_version}
                deploy: {replicas: "${web_replicas}", update_config: {monitor: 3s}}
                secrets: [token]
                volumes: [data:/data]
                x-mooring: {roles: [web]}
              api:
                image: %1$s/demo/web:${api_version}
                deploy: {update_config: {monitor: 3s}}
                x-mooring: {roles: [web]}
            secrets:
              token: {file: token.txt}
            """.formatted(TestDocker.REGISTRY);
    @TempDir
    static Path tmp;
    private final String tenant = "sw-" + UUID.randomUUID().toString().substring(0, 8);
    private RoundRig rig;
    private Reconciler reconciler;
    private TestSwarm swarm;

    @BeforeAll
    void start() throws Exception {
        swarm = new TestSwarm();
        swarm.labelNode("mooring.role", "web");
        rig = new RoundRig(tmp, "swarm-round", TestEngines.swarmHost());
        reconciler = rig.reconciler();
    }

    @AfterAll
    void stop() throws Exception {
        swarm.removeTenant(tenant);
        swarm.close();
        rig.close();
    }

    private String commit(String web, String api, int replicas, String token) throws Exception {
        rig.repo.write("instances/" + tenant + "/inventory.yml", """
                all:
                  hosts:
                    node-a: {roles: [web]}
                  vars: {mooring_engine: swarm, web_version: "%s", api_version: "%s", web_replicas: "%d"}
                """.formatted(web, api, replicas));
        rig.repo.write("instances/" + tenant + "/components.yml", COMPONENTS);
        rig.repo.write("instances/" + tenant + "/token.txt", token);
        return rig.repo.commit(tenant + ": web " + web + ", api " + api + ", " + replicas + " replicas");
    }

    private PassRecord round() {
        return RoundRig.round(reconciler).get(tenant);
    }

    private Service service(String component) {
        return swarm.service(tenant + "-" + component);
    }

    /** The image the service's spec runs, without its digest. */
    private String image(String component) {
        String image = swarm.image(tenant + "-" + component);
        return image.substring(0, image.indexOf('@') < 0 ? image.length() : image.indexOf('@'));
    }

    private long running(String component) {
        List<Task> tasks = swarm.tasks(service(component).getId());
        return tasks.stream().filter(t -> t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING
                && t.getDesiredState() == TaskState.RUNNING).count();
    }

    @Test
    @Order(1)
    void createsEachComponentAsAServicePinnedToItsDigest() throws Exception {
        commit("1.0", "1.0", 2, "first");
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.CONVERGED);
        assertThat(RoundRig.said(pass)).contains("web").contains("missing");
        assertThat(swarm.image(tenant + "-web")).isEqualTo(TestDocker.image("1.0") + "@" + TestDocker.registryDigest("1.0"));
        assertThat(running("web")).isEqualTo(2);
        assertThat(running("api")).isEqualTo(1);
        assertThat(service("web").getSpec().getLabels()).containsEntry("io.mooring.tenant", tenant)
                .containsEntry("io.mooring.component", "web").containsKey("io.mooring.spec-hash");
        assertThat(swarm.files(tenant, true)).singleElement().asString().startsWith(tenant + "-token-");
        assertThat(round().status()).as("a second round has nothing to do").isEqualTo(PassStatus.CONVERGED);
        assertThat(round().message()).startsWith(PassRecord.NOTHING_TO_DO);
    }

    @Test
    @Order(2)
    void upgradesInPlace() throws Exception {
        commit("1.1", "1.1", 2, "first");
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.CONVERGED);
        assertThat(RoundRig.said(pass)).contains("tag changed: 1.0 → 1.1");
        assertThat(image("web")).isEqualTo(TestDocker.image("1.1"));
        assertThat(image("api")).isEqualTo(TestDocker.image("1.1"));
    }

    @Test
    @Order(3)
    void aCrashingImageFailsThePassAndPutsBackTheServiceUpdatedBeforeIt() throws Exception {
        commit("2.0", "crash", 2, "first");
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.FAILED);
        assertThat(pass.message()).contains("api").contains("exit code 3");
        assertThat(RoundRig.said(pass)).contains("updated, then rolled back by Mooring: another service of the tenant failed");
        assertThat(image("api")).as("Swarm rolled api back").isEqualTo(TestDocker.image("1.1"));
        assertThat(image("web")).as("Mooring rolled web back").isEqualTo(TestDocker.image("1.1"));
        PassRecord again = round();
        assertThat(again.status()).as(RoundRig.said(again)).isEqualTo(PassStatus.HELD);
        assertThat(image("web")).isEqualTo(TestDocker.image("1.1"));
    }

    @Test
    @Order(4)
    void aNeverHealthyImageFailsThePassLikewise() throws Exception {
        commit("unhealthy", "1.1", 2, "first");
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.FAILED);
        assertThat(pass.message()).contains("web");
        assertThat(image("web")).isEqualTo(TestDocker.image("1.1"));
        assertThat(round().status()).isEqualTo(PassStatus.HELD);
    }

    @Test
    @Order(5)
    void replicasChange() throws Exception {
        commit("1.1", "1.1", 3, "first");
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.CONVERGED);
        assertThat(service("web").getSpec().getMode().getReplicated().getReplicas()).isEqualTo(3);
        assertThat(running("web")).isEqualTo(3);
        // What the node's heartbeat tells the cluster (and `mooring status --all` shows): services, not task containers.
        NodeReport report = new NodeReporter(new NodeReporter.Identity("node-a", "test", "localhost", Instant.now(), Duration.ofSeconds(10)),
                reconciler, rig.engine).report();
        NodeReport.Tenant shown = report.tenants().stream().filter(t -> t.tenant().equals(tenant)).findFirst().orElseThrow();
        assertThat(shown.components()).extracting(NodeReport.Component::component).containsExactly("api", "web");
        NodeReport.Component web = shown.components().get(1);
        assertThat(web.state()).isEqualTo("running");
        assertThat(web.replicas()).isEqualTo("3/3");
        assertThat(web.nodes()).singleElement().asString().isNotBlank();
        assertThat(shown.converged()).isTrue();
    }

    @Test
    @Order(6)
    void aRotatedSecretIsANewSecretAndTheOldOneGoes() throws Exception {
        String before = swarm.files(tenant, true).get(0);
        commit("1.1", "1.1", 3, "second");
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.CONVERGED);
        assertThat(swarm.files(tenant, true)).singleElement().asString().startsWith(tenant + "-token-").isNotEqualTo(before);
        assertThat(service("web").getSpec().getTaskTemplate().getContainerSpec().getSecrets())
                .extracting(s -> s.getSecretName()).containsExactly(swarm.files(tenant, true).get(0));
    }

    @Test
    @Order(7)
    void aServiceScaledByHandIsHealed() throws Exception {
        Service web = service("web");
        ServiceSpec spec = web.getSpec();
        spec.getMode().getReplicated().withReplicas(1);
        swarm.client().updateServiceCmd(web.getId(), spec).withVersion(web.getVersion().getIndex()).exec();
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.CONVERGED);
        assertThat(RoundRig.said(pass)).contains("scaled by hand");
        assertThat(service("web").getSpec().getMode().getReplicated().getReplicas()).isEqualTo(3);
    }

    @Test
    @Order(8)
    void aTenantRemovedTakesItsServicesSecretsAndNetworkAndKeepsItsVolume() throws Exception {
        try (var files = Files.walk(rig.repo.dir().resolve("instances/" + tenant))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        rig.repo.commit(tenant + " leaves");
        PassRecord pass = round();
        assertThat(pass.status()).as(RoundRig.said(pass)).isEqualTo(PassStatus.CONVERGED);
        assertThat(swarm.client().listServicesCmd().withLabelFilter(java.util.Map.of("io.mooring.tenant", tenant)).exec()).isEmpty();
        assertThat(swarm.files(tenant, true)).isEmpty();
        assertThat(RoundRig.said(pass)).contains("network mooring-" + tenant + " removed");
        // The swarm removed it at once; this node's copy goes once the removed tasks have left it.
        io.mooring.testing.Await.until(java.time.Duration.ofSeconds(30), () -> swarm.networkExists("mooring-" + tenant), exists -> !exists);
        assertThat(swarm.volumeExists(tenant + "_data")).as("the tenant's volume is kept").isTrue();
    }
}
