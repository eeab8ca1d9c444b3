package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.model.Labels;
import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents, node-a and node-b, on one engine and one PostgreSQL: each keeps its own node's containers and leaves the
 * other's alone, and {@code mooring status --all} and {@code GET /api/cluster} show both, then one down once its agent stops.
 */
class FleetStatusIT {
    private FleetRig fleet;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        fleet = new FleetRig(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.close();
    }

    private MooringCli.Result statusAll(String node) throws Exception {
        return fleet.cli(node, "status", "--all", "--format", "json");
    }

    private List<String> containers() {
        return fleet.it.docker.tenantContainers(fleet.it.tenant).stream()
                .map(c -> c.getNames()[0].substring(1) + " " + c.getLabels().get(Labels.NODE) + " " + c.getState() + " " + c.getId())
                .sorted().toList();
    }

    @Test
    void twoAgentsShareOneEngineEachWithItsOwnContainersAndStatusAllShowsBoth() throws Exception {
        fleet.commit("1.0", "");
        TestAgent a = fleet.start("node-a");
        fleet.start("node-b");
        String tenant = fleet.it.tenant;

        MooringCli.Result converged = Await.until(Duration.ofSeconds(90), () -> {
            try {
                return statusAll("node-a");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> r.exitCode() == 0);
        JsonNode status = fleet.json(converged.stdout());
        assertThat(status.get("nodes")).extracting(n -> n.get("node").asText() + " " + n.get("state").asText())
                .containsExactly("node-a up", "node-b up");
        JsonNode onA = fleet.node(status, "node-a").get("tenants").get(0);
        assertThat(onA.get("tenant").asText()).isEqualTo(tenant);
        assertThat(onA.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(onA.get("revision").asText()).hasSize(40);
        assertThat(onA.get("components")).extracting(c -> c.get("component").asText() + " " + c.get("state").asText())
                .containsExactly("web running");
        assertThat(onA.get("components").get(0).get("image").asText()).endsWith("/demo/web:1.0");
        assertThat(onA.get("components").get(0).get("health").asText()).as("the image's health check").isEqualTo("healthy");
        assertThat(onA.get("components").get(0).get("digest").asText()).startsWith("sha256:");
        assertThat(onA.get("roles")).extracting(JsonNode::asText).containsExactly("web");
        assertThat(fleet.node(status, "node-b").get("tenants").get(0).get("components"))
                .extracting(c -> c.get("component").asText()).containsExactly("api");
        assertThat(fleet.node(status, "node-b").get("version").asText()).isNotEmpty();

        // Several passes of each agent later, neither has removed or replaced the other's container.
        List<String> before = containers();
        assertThat(before).hasSize(2).anySatisfy(c -> assertThat(c).startsWith(tenant + "-api node-b running"))
                .anySatisfy(c -> assertThat(c).startsWith(tenant + "-web node-a running"));
        Thread.sleep(5_000);
        assertThat(containers()).isEqualTo(before);

        MooringCli.Result text = fleet.cli("node-b", "status");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).containsPattern("(?m)^node-b +up ").doesNotContain("node-a").contains(tenant + " ").contains("api");

        assertThat(a.get("/api/cluster")).contains("\"node\":\"node-b\"").contains("\"state\":\"up\"").contains("\"tenant\":\"" + tenant + "\"");
        assertThat(Http.status(a.url("/api/cluster"))).as("no token, no view").startsWith("401");
    }

    @Test
    void aStoppedAgentsNodeIsDownAfterThreeHeartbeatsAndOnlyThenCanBeRemoved() throws Exception {
        fleet.commit("1.0", "    node-c: {roles: [api]}\n");
        fleet.start("node-a");
        fleet.start("node-b");
        Await.until(Duration.ofSeconds(90), () -> {
            try {
                return fleet.json(statusAll("node-a").stdout());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, s -> s.get("nodes").size() == 3 && "up".equals(fleet.node(s, "node-b").get("state").asText()));

        MooringCli.Result refused = fleet.cli("node-a", "node", "remove", "node-b");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr().strip()).startsWith("mooring node remove: node node-b is up").contains("nothing was removed")
                .doesNotContain("Exception").hasLineCount(1);

        fleet.stop("node-b");
        MooringCli.Result down = Await.until(Duration.ofSeconds(30), () -> {
            try {
                return statusAll("node-a");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> "down".equals(fleet.node(fleet.json(r.stdout()), "node-b").get("state").asText()));
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.stderr()).contains("node node-b down").contains("node node-c not-attached");
        assertThat(fleet.node(fleet.json(down.stdout()), "node-c").get("lastSeen").isNull()).isTrue();

        MooringCli.Result removed = fleet.cli("node-a", "node", "remove", "node-b");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        JsonNode after = fleet.json(statusAll("node-a").stdout());
        assertThat(fleet.node(after, "node-b").get("state").asText()).as("its inventory still names it").isEqualTo("not-attached");
        assertThat(fleet.node(after, "node-a").get("state").asText()).isEqualTo("up");
    }

    @Test
    void aStateDatabaseThatCannotBeReadIsExitOneInOneLine(@TempDir Path tmp) throws Exception {
        Path config = java.nio.file.Files.writeString(tmp.resolve("agent.yml"), """
                repo: %s
                node: node-a
                home: %s
                database:
                  driverClass: org.postgresql.Driver
                  url: jdbc:postgresql://127.0.0.1:5432/%s_missing
                  user: postgres
                """.formatted(fleet.it.repo.dir(), tmp.resolve("home"), fleet.database));

        MooringCli.Result result = MooringCli.run("status", "--all", "--config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().strip()).startsWith("mooring: ").contains(fleet.database + "_missing").hasLineCount(1)
                .doesNotContain("\tat ");
        assertThat(result.stdout()).isEmpty();
    }
}
