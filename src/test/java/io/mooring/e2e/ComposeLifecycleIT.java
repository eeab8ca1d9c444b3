package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Mooring's own removals and stops do with a service's Compose volumes and its stop_grace_period, on the real engine. */
class ComposeLifecycleIT {
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String tenant = run + "-life";
    private final TestDocker docker = new TestDocker();
    private RoundRig rig;
    private Reconciler reconciler;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, "lifecycle-" + run);
        reconciler = rig.reconciler();
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(tenant);
        docker.close();
        rig.close();
    }

    private PassRecord pass() {
        return RoundRig.round(reconciler).get(tenant);
    }

    @Test
    void anExternalVolumeIsNeverPrunedWithItsContainer() throws Exception {
        String external = tenant + "_shared";
        String own = tenant + "_scratch";
        docker.createVolume(external, java.util.Map.of(io.mooring.model.Labels.TENANT, tenant));
        try {
            String web = "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n";
            rig.write(tenant, web + """
                      db:
                        image: %s
                        volumes: ["shared:/shared", "scratch:/scratch"]
                        x-mooring: {prune_volumes: true}
                    volumes:
                      shared: {external: true}
                      scratch: {}
                    """.formatted(TestDocker.image("1.0")));
            rig.repo.commit("db on an external volume");
            PassRecord first = pass();
            assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);
            assertThat(docker.volumeExists(own)).isTrue();

            rig.write(tenant, web);
            rig.repo.commit("db dropped");
            PassRecord dropped = pass();

            assertThat(dropped.status()).as(said(dropped)).isEqualTo(PassStatus.CONVERGED);
            assertThat(docker.tenantContainers(tenant)).hasSize(1);
            assertThat(docker.volumeExists(own)).as("the tenant's own volume goes with prune_volumes").isFalse();
            assertThat(docker.volumeExists(external)).as("the operator's external volume, labelled as the tenant's, stays").isTrue();
        } finally {
            docker.removeTenant(tenant, external, own);
        }
    }

    @Test
    void mooringsOwnStopWaitsTheServicesGracePeriod() throws Exception {
        String volume = tenant + "_stopped";
        String web = "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n";
        try {
            rig.write(tenant, web + """
                      slow:
                        image: %s
                        entrypoint: [/bin/sh, -c, "trap 'sleep 15; echo graceful > /data/stopped; exit 0' TERM; while true; do sleep 1; done"]
                        stop_grace_period: 25s
                        healthcheck: {disable: true}
                        volumes: ["stopped:/data"]
                    volumes:
                      stopped: {}
                    """.formatted(TestDocker.image("1.0")));
            rig.repo.commit("a service that takes 15 s to stop");
            PassRecord first = pass();
            assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);

            rig.write(tenant, web);
            rig.repo.commit("slow dropped");
            long start = System.nanoTime();
            PassRecord dropped = pass();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertThat(dropped.status()).as(said(dropped)).isEqualTo(PassStatus.CONVERGED);
            assertThat(seconds).as("the stop waited for the process to end").isBetween(14L, 24L);
            assertThat(TestDocker.cli("run", "--rm", "-v", volume + ":/data", "--entrypoint", "cat", TestDocker.image("1.0"),
                    "/data/stopped")).as("not killed at 10 s").isEqualTo("graceful");
        } finally {
            docker.removeTenant(tenant, volume);
        }
    }
}
