package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
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
 * The agent's round against what a name alone cannot tell apart: two tenants whose container names run together,
 * a container another tool started under a tenant's name or its hook job's name, a volume made by hand. The
 * tenant's pass fails and says why; what holds the name is left as it was.
 */
class NameCollisionIT {
    private static final String PROBE = RoundRig.PROBED;
    private final String run = "nc" + UUID.randomUUID().toString().substring(0, 6);
    private final String acmeWeb = run + "-acme-web";
    private final String acme = run + "-acme";
    private final String name = run + "-acme-web-db";
    private final TestDocker docker = new TestDocker();
    private RoundRig rig;
    private TestRepo repo;
    private Reconciler reconciler;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, "names-" + run);
        repo = rig.repo;
        reconciler = rig.reconciler();
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(acmeWeb);
        docker.removeTenant(acme);
        docker.removeContainer(name);
        docker.close();
        rig.close();
    }

    private void tenant(String tenant, String service, String extra) throws Exception {
        rig.write(tenant, "services:\n  " + service + ":\n    image: " + TestDocker.image("1.0") + "\n" + PROBE + extra);
        repo.commit("tenant " + tenant);
    }

    private Map<String, PassRecord> pass() {
        return RoundRig.round(reconciler);
    }

    @Test
    void theSecondOfTwoCollidingTenantsFailsAndTheFirstKeepsItsContainer() throws Exception {
        collide(acmeWeb, "db", acme, "web-db");
    }

    @Test
    void theCollisionTheOtherWayRoundFailsTheSameWay() throws Exception {
        collide(acme, "web-db", acmeWeb, "db");
    }

    private void collide(String first, String firstService, String second, String secondService) throws Exception {
        tenant(first, firstService, "");
        assertThat(pass().get(first).status()).isEqualTo(PassStatus.CONVERGED);
        String theirs = docker.inspect(name).getId();

        tenant(second, secondService, "");
        for (int round = 0; round < 2; round++) { // the second round recovers from what the first left in the journal
            PassRecord refused = pass().get(second);
            // FAILED first; then recovery, which will not clear the journalled name, holds the pass back each round.
            assertThat(refused.status()).isEqualTo(round == 0 ? PassStatus.FAILED : PassStatus.UNAVAILABLE);
            assertThat(said(refused)).contains("container " + name + " is not tenant " + second + "'s (it belongs to tenant "
                    + first + "); Mooring never touches it");
            assertThat(docker.inspect(name).getId()).as("the first tenant's container keeps its name").isEqualTo(theirs);
            assertThat(docker.inspect(theirs).getState().getRunning()).isTrue();
        }
    }

    @Test
    void aForeignContainerHoldingTheTenantsNameFailsItsPassAndKeepsRunning() throws Exception {
        String foreign = docker.runForeign(acme + "-web", TestDocker.image("1.0"), Map.of());
        tenant(acme, "web", "");

        PassRecord refused = pass().get(acme);

        assertThat(refused.status()).isEqualTo(PassStatus.FAILED);
        assertThat(said(refused)).contains("container " + acme + "-web is not tenant " + acme
                + "'s (it carries no Mooring labels); Mooring never touches it");
        assertThat(docker.inspect(foreign).getState().getRunning()).isTrue();
        docker.removeContainer(foreign);
    }

    @Test
    void aForeignContainerNamedLikeTheTenantsHookJobIsLeftAlone() throws Exception {
        String job = acme + "-web-hook-migrate";
        String foreign = docker.runForeign(job, TestDocker.image("1.0"), Map.of());
        tenant(acme, "web", hooks());

        PassRecord refused = pass().get(acme);

        assertThat(refused.status()).isEqualTo(PassStatus.FAILED);
        assertThat(said(refused)).contains("container " + job + " is not tenant " + acme
                + "'s (it carries no Mooring labels); Mooring never touches it");
        assertThat(docker.inspect(foreign).getName()).isEqualTo("/" + job);
        assertThat(docker.inspect(foreign).getState().getRunning()).isTrue();
        docker.removeContainer(foreign);
    }

    private static String hooks() {
        return "      hooks:\n        before: [{name: migrate, command: [\"true\"]}]\n";
    }

    @Test
    void anUnlabelledVolumeNamedLikeTheTenantsIsNotAdoptedAndKeepsItsData() throws Exception {
        String volume = acme + "_data";
        docker.createVolume(volume, Map.of());
        TestDocker.cli("run", "--rm", "-v", volume + ":/data", TestDocker.image("1.0"), "sh", "-c", "echo kept > /data/file");
        tenant(acme, "web", "    volumes: [data:/data]\n");

        PassRecord refused = pass().get(acme);

        assertThat(refused.status()).isEqualTo(PassStatus.FAILED);
        assertThat(said(refused)).contains("volume " + volume + " is not tenant " + acme
                + "'s (it carries no Mooring labels); Mooring never adopts it");
        assertThat(docker.tenantContainers(acme)).as("nothing was started on it").isEmpty();
        assertThat(TestDocker.cli("volume", "inspect", "--format", "{{json .Labels}}", volume)).isIn("null", "{}");
        assertThat(TestDocker.cli("run", "--rm", "-v", volume + ":/data", TestDocker.image("1.0"), "cat", "/data/file")).isEqualTo("kept");
        TestDocker.cli("volume", "rm", volume);
    }
}
