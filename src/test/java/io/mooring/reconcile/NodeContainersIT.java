package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.Engine;
import io.mooring.model.PassStatus;
import io.mooring.testing.Await;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat's list of the node's containers against the real engine and its event stream: the same list while the
 * stream saw nothing (a HEALTHCHECK-like exec included), a new one once a container stops, at every call while the
 * stream is not followed, and once the list is older than its maximum age.
 */
class NodeContainersIT {
    private final String tenant = "listing-" + UUID.randomUUID().toString().substring(0, 6);
    private final TestDocker docker = new TestDocker();
    private RoundRig rig;
    private EngineWatch watch;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, tenant);
        rig.write(tenant, "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n" + RoundRig.PROBED);
        rig.repo.commit("web");
        assertThat(RoundRig.round(rig.reconciler()).get(tenant).status()).isEqualTo(PassStatus.CONVERGED);
        watch = new EngineWatch(rig.engine);
        watch.start();
        Await.until(Duration.ofSeconds(30), watch::changes, n -> n >= 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        watch.stop();
        docker.removeTenant(tenant);
        docker.close();
        rig.close();
    }

    private static String state(List<Engine.Listed> listed, String tenant) {
        return listed.stream().filter(c -> c.tenant().equals(tenant)).map(Engine.Listed::state).findFirst().orElse("absent");
    }

    @Test
    void listsAgainOnlyWhenTheEventsSayTheContainersChanged() throws Exception {
        NodeContainers containers = new NodeContainers(rig.engine, "node-a", watch::changes);
        List<Engine.Listed> first = containers.listed();
        assertThat(state(first, tenant)).isEqualTo("running");
        assertThat(containers.listed()).as("nothing happened: the list is not asked again").isSameAs(first);

        String web = docker.tenantContainers(tenant).get(0).getId();
        TestDocker.cli("exec", web, "true");
        Thread.sleep(1000);
        assertThat(containers.listed()).as("an exec (what a HEALTHCHECK runs) changes nothing listed").isSameAs(first);

        TestDocker.cli("stop", "-t", "1", web);
        List<Engine.Listed> after = Await.until(Duration.ofSeconds(30), containers::listed, l -> !"running".equals(state(l, tenant)));
        assertThat(state(after, tenant)).isEqualTo("exited");

        watch.stop();
        Await.until(Duration.ofSeconds(10), watch::changes, n -> n == -1);
        List<Engine.Listed> unfollowed = containers.listed();
        assertThat(containers.listed()).as("without the stream, every call lists").isNotSameAs(unfollowed);
    }

    @Test
    void listsAgainOnceTheListIsOlderThanItsMaximumAge() throws Exception {
        long[] now = {0};
        NodeContainers containers = new NodeContainers(rig.engine, "node-a", watch::changes, () -> now[0], Duration.ofSeconds(60));
        List<Engine.Listed> first = containers.listed();
        now[0] = Duration.ofSeconds(59).toNanos();
        assertThat(containers.listed()).isSameAs(first);
        now[0] = Duration.ofSeconds(60).toNanos();
        List<Engine.Listed> aged = containers.listed();
        assertThat(aged).isNotSameAs(first);
        assertThat(state(aged, tenant)).isEqualTo("running");
    }
}
