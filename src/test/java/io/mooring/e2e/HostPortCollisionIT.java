package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.Http;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants on one host port of one node, on the real engine: the tenant whose commit would take the port
 * another tenant's container publishes fails its pass, naming that tenant and container, before anything of
 * its own is stopped or created; the other tenant keeps serving.
 */
class HostPortCollisionIT {
    private static final String PROBE = RoundRig.PROBED;
    private final String run = "hp" + UUID.randomUUID().toString().substring(0, 6);
    private final String acme = run + "-acme";
    private final String globex = run + "-globex";
    private final TestDocker docker = new TestDocker();
    private RoundRig rig;
    private TestRepo repo;
    private Reconciler reconciler;
    private int shared;
    private int own;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, "ports-" + run);
        repo = rig.repo;
        reconciler = rig.reconciler();
        shared = Http.freePort();
        own = Http.freePort();
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(acme);
        docker.removeTenant(globex);
        docker.close();
        rig.close();
    }

    private void tenant(String tenant, String version, String ports) throws Exception {
        rig.write(tenant, "services:\n  web:\n    image: " + TestDocker.image(version) + "\n    ports: " + ports + "\n" + PROBE);
        repo.commit("tenant " + tenant + " " + version);
    }

    private Map<String, PassRecord> pass() {
        return RoundRig.round(reconciler);
    }

    @Test
    void aReplaceOntoAnotherTenantsPortFailsAndLeavesBothContainersRunning() throws Exception {
        tenant(acme, "1.0", "[\"127.0.0.1:" + shared + ":8080\"]");
        tenant(globex, "1.0", "[\"127.0.0.1:" + own + ":8080\"]");
        Map<String, PassRecord> first = pass();
        assertThat(first.get(acme).status()).as(first.get(acme).message()).isEqualTo(PassStatus.CONVERGED);
        assertThat(first.get(globex).status()).as(first.get(globex).message()).isEqualTo(PassStatus.CONVERGED);
        String acmeId = docker.inspect(acme + "-web").getId();
        String globexId = docker.inspect(globex + "-web").getId();

        // globex's next commit publishes the port acme's container holds, on every address.
        tenant(globex, "1.0", "[\"" + shared + ":8080\"]");
        PassRecord refused = pass().get(globex);

        assertThat(refused.status()).isEqualTo(PassStatus.UNAVAILABLE);
        assertThat(refused.message()).contains("node node-a: ").contains("service web publishes host port 0.0.0.0:" + shared + "/tcp, which container "
                + acme + "-web of tenant " + acme + " holds (127.0.0.1:" + shared + "/tcp)").contains("nothing was changed");
        assertThat(refused.actions()).as("no step was taken").isEmpty();
        assertThat(docker.inspect(globex + "-web").getId()).as("globex's container was not replaced").isEqualTo(globexId);
        assertThat(docker.inspect(globexId).getState().getRunning()).isTrue();
        assertThat(Http.get("http://127.0.0.1:" + own + "/")).isEqualTo("web 1.0");
        assertThat(docker.inspect(acmeId).getState().getRunning()).isTrue();
        assertThat(Http.get("http://127.0.0.1:" + shared + "/")).isEqualTo("web 1.0");
    }

    @Test
    void aNewTenantOnATakenPortCreatesNothing() throws Exception {
        tenant(acme, "1.0", "[\"" + shared + ":8080\"]");
        assertThat(pass().get(acme).status()).isEqualTo(PassStatus.CONVERGED);

        tenant(globex, "1.0", "[\"127.0.0.1:" + shared + ":8080/tcp\"]");
        PassRecord refused = pass().get(globex);

        assertThat(refused.status()).isEqualTo(PassStatus.UNAVAILABLE);
        assertThat(refused.message()).contains("which container " + acme + "-web of tenant " + acme + " holds");
        assertThat(docker.tenantContainers(globex)).as("nothing was created").isEmpty();
        assertThat(docker.inspect(acme + "-web").getState().getRunning()).isTrue();
    }

    @Test
    void aStoppedTenantsPortStaysItsOwnAndItComesBack() throws Exception {
        tenant(acme, "1.0", "[\"127.0.0.1:" + shared + ":8080\"]");
        assertThat(pass().get(acme).status()).isEqualTo(PassStatus.CONVERGED);
        String acmeId = docker.inspect(acme + "-web").getId();
        assertThat(docker.inspect(acmeId).getConfig().getLabels()).containsEntry("io.mooring.ports", "127.0.0.1:" + shared + ":8080/tcp");
        TestDocker.cli("stop", acmeId);

        // While acme is down, the engine lists no port for its container: globex must not take it.
        tenant(globex, "1.0", "[\"" + shared + ":8080\"]");
        PassRecord refused = reconciler.reconcile(globex, null, plan -> { }, Reconciler.Request.AGENT);

        assertThat(refused.status()).as(refused.message()).isEqualTo(PassStatus.UNAVAILABLE);
        assertThat(refused.message()).contains("which container " + acme + "-web of tenant " + acme + " holds (127.0.0.1:" + shared + "/tcp)");
        assertThat(docker.tenantContainers(globex)).as("nothing was created").isEmpty();
        PassRecord back = reconciler.reconcile(acme, null, plan -> { }, Reconciler.Request.AGENT);
        assertThat(back.status()).as(back.message()).isEqualTo(PassStatus.CONVERGED);
        assertThat(docker.inspect(acme + "-web").getState().getRunning()).isTrue();
        assertThat(Http.get("http://127.0.0.1:" + shared + "/")).isEqualTo("web 1.0");
    }

    @Test
    void aContainerFromBeforeThePortsLabelIsSeenByWhatTheEngineBinds() throws Exception {
        String legacy = run + "-legacy";
        try {
            TestDocker.cli("run", "-d", "--name", legacy + "-web", "--label", "io.mooring.tenant=" + legacy, "--label",
                    "io.mooring.component=web", "-p", "127.0.0.1:" + shared + ":8080", TestDocker.image("1.0"));
            tenant(globex, "1.0", "[\"127.0.0.1:" + shared + ":8080\"]");

            PassRecord refused = pass().get(globex);

            assertThat(refused.message()).contains("which container " + legacy + "-web of tenant " + legacy + " holds");
            assertThat(docker.tenantContainers(globex)).as("nothing was created").isEmpty();
        } finally {
            docker.removeTenant(legacy);
        }
    }

    @Test
    void aPortHandedOverInOneCommitIsTakenOnceItsHolderLetsGoWhateverTheOrder() throws Exception {
        int other = Http.freePort();
        tenant(acme, "1.0", "[\"127.0.0.1:" + shared + ":8080\"]");
        tenant(globex, "1.0", "[\"127.0.0.1:" + own + ":8080\"]");
        assertThat(pass().values()).allSatisfy(p -> assertThat(p.status()).as(p.message()).isEqualTo(PassStatus.CONVERGED));

        // One commit: acme moves off the shared port and globex takes it; globex's pass happens to come first.
        repo.write("instances/" + acme + "/components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0")
                + "\n    ports: [\"127.0.0.1:" + other + ":8080\"]\n" + PROBE);
        tenant(globex, "1.0", "[\"127.0.0.1:" + shared + ":8080\"]");
        PassRecord early = reconciler.reconcile(globex, null, plan -> { }, Reconciler.Request.AGENT);

        assertThat(early.status()).as(early.message()).isEqualTo(PassStatus.UNAVAILABLE);
        assertThat(early.message()).contains("node node-a: ").contains("which container " + acme + "-web of tenant " + acme + " holds")
                .contains("The next pass tries again once tenant " + acme + " lets the port go");
        assertThat(reconciler.reconcile(acme, null, plan -> { }, Reconciler.Request.AGENT).status()).isEqualTo(PassStatus.CONVERGED);

        PassRecord next = pass().get(globex);
        assertThat(next.status()).as("not held like a failed revision: " + next.message()).isEqualTo(PassStatus.CONVERGED);
        assertThat(Http.get("http://127.0.0.1:" + shared + "/")).isEqualTo("web 1.0");
        assertThat(docker.inspect(globex + "-web").getConfig().getLabels()).containsEntry("io.mooring.ports", "127.0.0.1:" + shared + ":8080/tcp");
    }
}
