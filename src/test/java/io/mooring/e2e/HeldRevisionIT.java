package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revision that failed a tenant's rollout is held for that tenant: commits that change only other tenants do not try it
 * again (each try would stop and start its containers again); a commit to its own files does.
 */
class HeldRevisionIT {
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String bad = "held-" + run;
    private final String good = "other-" + run;
    private final TestDocker docker = new TestDocker();
    private RoundRig rig;
    private Reconciler reconciler;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, "held-" + run);
        reconciler = rig.reconciler();
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(bad);
        docker.removeTenant(good);
        docker.close();
        rig.close();
    }

    private static String web(String tag) {
        return "services:\n  web:\n    image: " + TestDocker.REGISTRY + "/demo/web:" + tag + "\n" + RoundRig.PROBED;
    }

    @Test
    void aFailedRevisionIsNotTriedAgainForCommitsToOtherTenantsButForOneToItsOwnFiles() throws Exception {
        rig.write(bad, web("1.0"));
        rig.write(good, web("1.0"));
        rig.repo.commit("both on 1.0");
        assertThat(RoundRig.round(reconciler).values()).allSatisfy(p -> assertThat(p.status()).as(said(p)).isEqualTo(PassStatus.CONVERGED));
        String running = docker.inspect(bad + "-web").getId();
        String started = docker.inspect(bad + "-web").getState().getStartedAt();

        rig.write(bad, web("crash"));
        rig.repo.commit("held tenant on a crashing tag");
        PassRecord failed = RoundRig.round(reconciler).get(bad);
        assertThat(failed.status()).as(said(failed)).isEqualTo(PassStatus.FAILED);

        rig.write(good, web("1.1"));
        rig.repo.commit("only the other tenant changes");
        Map<String, PassRecord> round = RoundRig.round(reconciler);
        assertThat(round.get(good).status()).as(said(round.get(good))).isEqualTo(PassStatus.CONVERGED);
        assertThat(round.get(bad).status()).as(said(round.get(bad))).isEqualTo(PassStatus.HELD);
        assertThat(said(round.get(bad))).contains("failed here");
        assertThat(docker.inspect(bad + "-web").getId()).isEqualTo(running);
        assertThat(docker.inspect(bad + "-web").getState().getStartedAt()).as("not stopped and started again").isEqualTo(started);

        rig.write(bad, web("1.1"));
        rig.repo.commit("held tenant fixed");
        PassRecord fixed = RoundRig.round(reconciler).get(bad);
        assertThat(fixed.status()).as(said(fixed)).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(fixed)).contains("1.1");
    }
}
