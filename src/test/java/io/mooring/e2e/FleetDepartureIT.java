package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Labels;
import io.mooring.model.TenantNetwork;
import io.mooring.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant leaves one of two nodes sharing an engine: that node's agent removes its own container and leaves the other
 * node's running, untouched, and the tenant's network with it.
 */
class FleetDepartureIT {
    private FleetRig fleet;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        fleet = new FleetRig(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.close();
    }

    private List<String> containers() {
        return fleet.it.docker.tenantContainers(fleet.it.tenant).stream()
                .map(c -> c.getNames()[0].substring(1) + " " + c.getLabels().get(Labels.NODE) + " " + c.getState() + " " + c.getId())
                .sorted().toList();
    }

    @Test
    void theNodeTheTenantLeavesRemovesOnlyItsOwnContainer() throws Exception {
        String tenant = fleet.it.tenant;
        fleet.commit("1.0", "");
        fleet.start("node-a");
        fleet.start("node-b");
        List<String> both = Await.until(Duration.ofSeconds(90), this::containers,
                list -> list.size() == 2 && list.stream().allMatch(c -> c.contains(" running ")));
        String web = both.stream().filter(c -> c.startsWith(tenant + "-web node-a")).findFirst().orElseThrow();

        fleet.commitHosts("1.0", "    node-a: {roles: [web]}\n");
        List<String> left = Await.until(Duration.ofSeconds(60), this::containers, list -> list.size() == 1);
        assertThat(left).containsExactly(web);
        Thread.sleep(3_000);
        assertThat(containers()).as("node-a's container, the same one, still runs").containsExactly(web);
        assertThat(fleet.it.docker.network(TenantNetwork.name(tenant))).as("node-a's container is on the network").isPresent();
        assertThat(fleet.it.page("/")).isEqualTo("web 1.0");
    }
}
