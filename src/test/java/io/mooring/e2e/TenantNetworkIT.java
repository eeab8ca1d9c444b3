package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Network;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.Deployment;
import io.mooring.model.Labels;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.SubnetPool;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import io.mooring.wiring.Wiring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each tenant's containers on a network of their own, through the agent's round on the real engine: they reach each
 * other by service name and nothing of another tenant, by name or by address; a container deployed before tenants had
 * networks moves onto its tenant's with its volume's data; a network of that name someone else made is reported and
 * left alone; a tenant that leaves the node takes its network with it.
 */
class TenantNetworkIT {
    private static final String SERVICE = "    image: " + TestDocker.image("1.0") + "\n    healthcheck: {disable: true}\n"
            + "    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n";
    private final String run = "net" + UUID.randomUUID().toString().substring(0, 6);
    private final String acme = run + "-acme";
    private final String globex = run + "-globex";
    private final String initech = run + "-initech";
    private final TestDocker docker = new TestDocker();
    private TestRepo repo;
    private GitSource source;
    private DockerEngine engine;
    private StateStore store;
    private Reconciler reconciler;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        source = Wiring.source(repo.dir().toString(), tmp.resolve("home"));
        agent(new DockerEngine("unix:///var/run/docker.sock"));
    }

    private void agent(DockerEngine withEngine) {
        if (engine != null) {
            engine.close();
        }
        engine = withEngine;
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:networks-" + run + ";DB_CLOSE_DELAY=-1");
        store = Wiring.store(h2);
        reconciler = new Reconciler(new Reconciler.Ports(source, engine, store), "node-a", Clock.systemUTC(),
                Reconciler.Settings.defaults(Duration.ofSeconds(30)));
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(acme, acme + "_data");
        docker.removeTenant(globex, globex + "_data");
        docker.removeTenant(initech);
        docker.close();
        source.close();
        engine.close();
        repo.close();
    }

    private void tenant(String tenant, String node, String components) throws Exception {
        repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    " + node + ": {}\n");
        repo.write("instances/" + tenant + "/components.yml", components);
        repo.commit("tenant " + tenant + " on " + node);
    }

    private Map<String, PassRecord> pass() {
        return RoundRig.round(reconciler);
    }

    /** Whether an HTTP request from inside {@code from} to {@code host}:8080 is answered by the demo page, within 2 s. */
    private static boolean reaches(String from, String host) throws Exception {
        Process process = new ProcessBuilder("docker", "exec", from, "sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + host + " 8080").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 && out.contains("web 1.0");
    }

    /**
     * The tenant's container as the version before tenant networks left it: on the default bridge, the state database
     * saying it deployed that container, and no network of the tenant's.
     */
    private String deployedBeforeNetworks(String tenant) {
        String id = docker.recreateOnDefaultBridge(tenant + "-web");
        Deployment was = store.deployments(tenant, "node-a").get("web");
        store.deployed(new Deployment(was.tenant(), was.node(), was.component(), id, was.image(), was.digest(), was.specHash(),
                was.revision(), was.at()));
        docker.removeNetwork("mooring-" + tenant);
        return id;
    }

    private Map<String, com.github.dockerjava.api.model.ContainerNetwork> networksOf(String container) {
        return docker.inspect(container).getNetworkSettings().getNetworks();
    }

    private String address(String container, String network) {
        return networksOf(container).get(network).getIpAddress();
    }

    @Test
    void aTenantsContainersReachEachOtherByServiceNameAndNothingOfAnotherTenant() throws Exception {
        // The hook job runs on the tenant's network too: it finds web by its service name before peer is kept.
        tenant(acme, "node-a", "services:\n  web:\n" + SERVICE + "  peer:\n    depends_on: [web]\n" + SERVICE
                + "      hooks:\n        after: [{name: reach, command: [sh, -c, \"printf 'GET / HTTP/1.0\\\\r\\\\n\\\\r\\\\n'"
                + " | nc -w 2 web 8080 | grep -q 'web 1.0'\"]}]\n");
        tenant(globex, "node-a", "services:\n  web:\n" + SERVICE);

        Map<String, PassRecord> passes = pass();

        assertThat(passes.get(acme).status()).as(said(passes.get(acme))).isEqualTo(PassStatus.CONVERGED);
        assertThat(passes.get(globex).status()).as(said(passes.get(globex))).isEqualTo(PassStatus.CONVERGED);
        String acmeNet = "mooring-" + acme;
        String globexNet = "mooring-" + globex;
        Network network = docker.network(acmeNet).orElseThrow();
        assertThat(network.getLabels()).containsEntry(Labels.TENANT, acme).containsEntry(Labels.NETWORK, "tenant");
        assertThat(networksOf(acme + "-web")).containsOnlyKeys(acmeNet);
        assertThat(networksOf(acme + "-peer")).containsOnlyKeys(acmeNet);
        assertThat(networksOf(globex + "-web")).containsOnlyKeys(globexNet);

        assertThat(reaches(acme + "-peer", "web")).as("by service name").isTrue();
        assertThat(reaches(acme + "-peer", acme + "-web")).as("by container name").isTrue();
        assertThat(reaches(acme + "-peer", address(acme + "-web", acmeNet))).as("by address").isTrue();

        assertThat(reaches(acme + "-peer", globex + "-web")).as("another tenant's container by name").isFalse();
        assertThat(reaches(acme + "-peer", address(globex + "-web", globexNet))).as("another tenant's container by address").isFalse();
        assertThat(reaches(globex + "-web", "web")).as("globex reaches its own service, so its refusals below are real").isTrue();
        assertThat(reaches(globex + "-web", acme + "-web")).isFalse();
        assertThat(reaches(globex + "-web", "peer")).as("a service name of another tenant").isFalse();
        assertThat(reaches(globex + "-web", address(acme + "-web", acmeNet))).isFalse();
        assertThat(reaches(globex + "-web", address(acme + "-peer", acmeNet))).isFalse();
    }

    @Test
    void aContainerDeployedOnTheDefaultBridgeMovesOntoItsTenantsNetworkWithItsVolumesData() throws Exception {
        tenant(acme, "node-a", "services:\n  web:\n" + SERVICE + "    volumes: [data:/data]\n");
        assertThat(pass().get(acme).status()).isEqualTo(PassStatus.CONVERGED);
        String specHash = docker.inspect(acme + "-web").getConfig().getLabels().get(Labels.SPEC_HASH);
        String old = deployedBeforeNetworks(acme);
        TestDocker.cli("exec", old, "sh", "-c", "echo kept > /data/file");
        assertThat(networksOf(old)).containsOnlyKeys("bridge");

        PassRecord moved = pass().get(acme);

        assertThat(moved.status()).as(said(moved)).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(moved)).contains("network: moves onto mooring-" + acme + " (from bridge)");
        InspectContainerResponse now = docker.inspect(acme + "-web");
        assertThat(now.getId()).isNotEqualTo(old);
        assertThat(now.getState().getRunning()).isTrue();
        assertThat(networksOf(now.getId())).containsOnlyKeys("mooring-" + acme);
        assertThat(now.getConfig().getLabels()).as("the spec did not change").containsEntry(Labels.SPEC_HASH, specHash);
        assertThat(TestDocker.cli("exec", now.getId(), "cat", "/data/file")).isEqualTo("kept");
        // Made under a temporary name and renamed: both its names find it.
        assertThat(reaches(now.getId(), "web")).isTrue();
        assertThat(reaches(now.getId(), acme + "-web")).isTrue();
        assertThat(docker.tenantContainers(acme)).as("the old container is gone").hasSize(1);

        PassRecord again = pass().get(acme);
        assertThat(again.status()).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(again)).doesNotContain("moves onto");
        assertThat(docker.inspect(acme + "-web").getId()).isEqualTo(now.getId());
    }

    @Test
    void aNetworkOfTheTenantsNameSomeoneElseMadeIsReportedNeverJoinedAndTheOldContainerKeepsRunning() throws Exception {
        tenant(acme, "node-a", "services:\n  web:\n" + SERVICE + "    volumes: [data:/data]\n");
        assertThat(pass().get(acme).status()).isEqualTo(PassStatus.CONVERGED);
        String old = deployedBeforeNetworks(acme);
        String foreign = docker.createForeignNetwork("mooring-" + acme);

        PassRecord refused = pass().get(acme);

        assertThat(refused.status()).isEqualTo(PassStatus.FAILED);
        assertThat(said(refused)).contains("network mooring-" + acme + " is not tenant " + acme
                + "'s (it carries no Mooring labels); Mooring neither joins nor removes it");
        Network left = docker.network("mooring-" + acme).orElseThrow();
        assertThat(left.getId()).isEqualTo(foreign);
        assertThat(left.getLabels()).isNullOrEmpty();
        assertThat(left.getContainers()).as("nothing joined it").isNullOrEmpty();
        assertThat(docker.inspect(acme + "-web").getId()).as("the deployed container stays").isEqualTo(old);
        assertThat(docker.inspect(old).getState().getRunning()).isTrue();
        assertThat(networksOf(old)).containsOnlyKeys("bridge");
    }

    @Test
    void aTenantLeavingTheNodeTakesItsNetworkButNotItsVolume() throws Exception {
        tenant(acme, "node-a", "services:\n  web:\n" + SERVICE + "    volumes: [data:/data]\n");
        tenant(globex, "node-a", "services:\n  web:\n" + SERVICE);
        assertThat(pass().values()).extracting(PassRecord::status).containsOnly(PassStatus.CONVERGED);
        assertThat(docker.network("mooring-" + acme)).isPresent();

        tenant(acme, "node-b", "services:\n  web:\n" + SERVICE + "    volumes: [data:/data]\n");
        PassRecord left = pass().get(acme);

        assertThat(left.status()).as(said(left)).isEqualTo(PassStatus.CONVERGED);
        assertThat(left.message()).contains("network mooring-" + acme + " removed");
        assertThat(docker.tenantContainers(acme)).isEmpty();
        assertThat(docker.network("mooring-" + acme)).isEmpty();
        assertThat(docker.volumeExists(acme + "_data")).isTrue();
        assertThat(docker.network("mooring-" + globex)).as("another tenant's network stays").isPresent();
        assertThat(docker.inspect(globex + "-web").getState().getRunning()).isTrue();
        assertThat(pass()).as("nothing of it is left to remove").doesNotContainKey(acme);
    }

    @Test
    void withTheAgentsPoolEachTenantGetsAFreeSubnetOfItAndAPoolUsedUpSaysWhichSettingGivesMore() throws Exception {
        // Room for two /24s; a network of someone else's in the first one is stepped over.
        agent(new DockerEngine("unix:///var/run/docker.sock", List.of(), DockerEngine.DEFAULT_PULL_TIMEOUT,
                Optional.of(SubnetPool.parse("10.213.0.0/22", 24))));
        String foreign = run + "-foreign";
        TestDocker.cli("network", "create", "--subnet", "10.213.0.0/24", foreign);
        try {
            tenant(acme, "node-a", "services:\n  web:\n" + SERVICE);
            tenant(globex, "node-a", "services:\n  web:\n" + SERVICE);
            tenant(initech, "node-a", "services:\n  web:\n" + SERVICE);
            tenant(run + "-umbrella", "node-a", "services:\n  web:\n" + SERVICE);

            Map<String, PassRecord> passes = pass();

            List<String> subnets = new ArrayList<>();
            for (String tenant : List.of(acme, globex, initech, run + "-umbrella")) {
                if (passes.get(tenant).status() == PassStatus.CONVERGED) {
                    subnets.add(docker.network("mooring-" + tenant).orElseThrow().getIpam().getConfig().get(0).getSubnet());
                } else {
                    assertThat(said(passes.get(tenant))).contains("network mooring-" + tenant + " cannot be made: every /24 of the"
                            + " agent's networks.pool 10.213.0.0/22 (4 subnets) overlaps a network the engine has");
                    assertThat(docker.network("mooring-" + tenant)).isEmpty();
                }
            }
            assertThat(subnets).as("three tenants fit beside the foreign network; whichever came last did not")
                    .containsExactlyInAnyOrder("10.213.1.0/24", "10.213.2.0/24", "10.213.3.0/24");
        } finally {
            docker.removeTenant(run + "-umbrella");
            docker.removeNetwork(foreign);
        }
    }
}
