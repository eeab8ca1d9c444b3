package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.model.Labels;
import io.mooring.model.TenantNetwork;
import io.mooring.reconcile.Heartbeat;
import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two agents, node-a and node-b, on one engine and one PostgreSQL database, converged once for the whole class and taken
 * through a cluster's life in order: both shown and neither touching the other's container; node remove refused while a
 * node is up; heartbeats that cannot be written costing no pass; a tenant leaving node-b; node-b stopped, down, removed.
 * The view is polled in the test's JVM ({@code GET /api/cluster}); the jar runs only where its exit code or output is
 * what is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetViewIT {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    @TempDir
    static Path tmp;
    private FleetRig fleet;
    private TestAgent a;
    private TestAgent b;
    private String tenant;

    @BeforeAll
    void converge() throws Exception {
        fleet = new FleetRig(tmp);
        tenant = fleet.it.tenant;
        fleet.commit("1.0", "");
        a = fleet.start("node-a");
        b = fleet.start("node-b");
        try {
            Await.until(CONVERGE, () -> fleet.cluster(a), s -> s.get("nodes").size() == 2 && FleetRig.fine(s));
        } catch (AssertionError notConverged) {
            throw new AssertionError(notConverged.getMessage() + "\nnode-a's passes: " + a.get("/api/passes?tenant=" + tenant)
                    + "\nnode-b's passes: " + b.get("/api/passes?tenant=" + tenant), notConverged);
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        fleet.close();
    }

    private List<String> containers() {
        return fleet.it.docker.tenantContainers(tenant).stream()
                .map(c -> c.getNames()[0].substring(1) + " " + c.getLabels().get(Labels.NODE) + " " + c.getState() + " " + c.getId())
                .sorted().toList();
    }

    private MooringCli.Result statusAll() throws Exception {
        return fleet.cli("node-a", "status", "--all", "--format", "json");
    }

    @Test
    @Order(1)
    void bothNodesAreShownAndNeitherTouchesTheOthersContainer() throws Exception {
        MooringCli.Result converged = statusAll();
        assertThat(converged.exitCode()).as(converged.toString()).isZero();
        JsonNode status = fleet.json(converged.stdout());
        assertThat(status.get("nodes")).extracting(n -> n.get("node").asText() + " " + n.get("state").asText())
                .containsExactly("node-a up", "node-b up");
        JsonNode onA = fleet.node(status, "node-a").get("tenants").get(0);
        assertThat(onA.get("tenant").asText()).isEqualTo(tenant);
        assertThat(onA.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(onA.get("revision").asText()).hasSize(40);
        assertThat(onA.get("components")).extracting(c -> c.get("component").asText() + " " + c.get("state").asText())
                .containsExactly("web running");
        JsonNode web = onA.get("components").get(0);
        assertThat(web.get("image").asText()).endsWith("/demo/web:1.0");
        assertThat(web.get("health").asText()).as("the image's health check").isEqualTo("healthy");
        assertThat(web.get("digest").asText()).startsWith("sha256:");
        assertThat(onA.get("roles")).extracting(JsonNode::asText).containsExactly("web");
        assertThat(fleet.node(status, "node-b").get("tenants").get(0).get("components"))
                .extracting(c -> c.get("component").asText()).containsExactly("api");
        assertThat(fleet.node(status, "node-b").get("version").asText()).isNotEmpty();

        // Several passes of each agent later (one a second), neither has removed or replaced the other's container.
        List<String> before = containers();
        assertThat(before).hasSize(2).anySatisfy(c -> assertThat(c).startsWith(tenant + "-api node-b running"))
                .anySatisfy(c -> assertThat(c).startsWith(tenant + "-web node-a running"));
        Thread.sleep(3_000);
        assertThat(containers()).isEqualTo(before);

        MooringCli.Result text = fleet.cli("node-b", "status");
        assertThat(text.stdout()).containsPattern("(?m)^node-b +up ").doesNotContain("node-a").contains(tenant + " ").contains("api");
        assertThat(a.get("/api/cluster")).contains("\"node\":\"node-b\"").contains("\"tenant\":\"" + tenant + "\"");
        assertThat(Http.status(a.url("/api/cluster"))).as("no token, no view").startsWith("401");
    }

    @Test
    @Order(2)
    void aNodeThatIsUpIsNotRemoved() throws Exception {
        MooringCli.Result refused = fleet.cli("node-a", "node", "remove", "node-b");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr().strip()).startsWith("mooring node remove: node node-b is up").contains("nothing was removed")
                .doesNotContain("Exception").hasLineCount(1);
    }

    /**
     * The inventory gives node-b web's role too: on this shared engine it would take node-a's container name, so its passes
     * end saying so and change nothing, and node-a's web keeps running, the same container.
     */
    @Test
    @Order(3)
    void aComponentTwoNodesPlaceOnOneEngineIsRefusedNotFoughtOver() throws Exception {
        List<String> before = containers();
        fleet.commitHosts("1.0", "    node-a: {roles: [web]}\n    node-b: {roles: [web, api]}\n");
        String refused = Await.until(CONVERGE, () -> b.get("/api/passes?tenant=" + tenant + "&limit=1"),
                p -> p.contains("\"status\":\"UNAVAILABLE\""));
        assertThat(refused).contains("component web of tenant " + tenant + " runs on node node-a on this engine")
                .contains("two nodes of one tenant cannot run one component on a shared engine");
        Thread.sleep(3_000);
        assertThat(containers()).as("neither node removed or replaced a container").isEqualTo(before);
    }

    /** The heartbeats' table is renamed away under the agents: passes apply a new commit, the outage is logged once. */
    @Test
    @Order(4)
    void passesGoOnWhileHeartbeatsFailAndTheViewRecovers() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger heartbeat = (Logger) LoggerFactory.getLogger(Heartbeat.class);
        heartbeat.addAppender(logged);
        try {
            TestPostgres.execute(fleet.database, "ALTER TABLE cluster_nodes RENAME TO cluster_nodes_away");
            String second = fleet.commit("2.0", "    node-c: {roles: [api]}\n");
            Await.until(CONVERGE, () -> fleet.it.page("/"), "web 2.0"::equals);
            // Long enough for node-a's heartbeat (every 3 s) to fail twice more after its first failure.
            Await.until(Duration.ofSeconds(20), () -> List.copyOf(logged.list), l -> l.stream().anyMatch(e -> node(e, "node-a")));
            Thread.sleep(7_000);
            assertThat(a.get("/api/passes?tenant=" + tenant + "&limit=1")).contains("\"status\":\"CONVERGED\"").contains(second);
            assertThat(List.copyOf(logged.list)).filteredOn(e -> e.getLevel() == Level.WARN && node(e, "node-a"))
                    .as("one warning for the whole outage").hasSize(1)
                    .first().extracting(ILoggingEvent::getFormattedMessage).asString()
                    .contains("the heartbeat cannot be written").contains("passes go on");

            TestPostgres.execute(fleet.database, "ALTER TABLE cluster_nodes_away RENAME TO cluster_nodes");
            JsonNode back = Await.until(Duration.ofSeconds(30), () -> fleet.node(fleet.cluster(a), "node-a"),
                    n -> "up".equals(n.get("state").asText()) && n.get("tenants").get(0).get("revision").asText().equals(second));
            assertThat(back.get("tenants").get(0).get("components").get(0).get("image").asText()).endsWith("/demo/web:2.0");
        } finally {
            heartbeat.detachAppender(logged);
        }
    }

    private static boolean node(ILoggingEvent event, String node) {
        return event.getFormattedMessage().startsWith("node " + node + ":");
    }

    /** The tenant leaves node-b: node-b removes its own container and leaves node-a's running, and the network with it. */
    @Test
    @Order(5)
    void theNodeTheTenantLeavesRemovesOnlyItsOwnContainer() throws Exception {
        List<String> both = Await.until(CONVERGE, this::containers,
                list -> list.size() == 2 && list.stream().allMatch(c -> c.contains(" running ")));
        String web = both.stream().filter(c -> c.startsWith(tenant + "-web node-a")).findFirst().orElseThrow();

        fleet.commitHosts("2.0", "    node-a: {roles: [web]}\n    node-c: {roles: [api]}\n");
        List<String> left = Await.until(Duration.ofSeconds(60), this::containers, list -> list.size() == 1);
        assertThat(left).containsExactly(web);
        Thread.sleep(3_000);
        assertThat(containers()).as("node-a's container, the same one, still runs").containsExactly(web);
        assertThat(fleet.it.docker.network(TenantNetwork.name(tenant))).as("node-a's container is on the network").isPresent();
        assertThat(fleet.it.page("/")).isEqualTo("web 2.0");
    }

    @Test
    @Order(6)
    void aStoppedAgentsNodeIsDownAfterThreeHeartbeatsAndThenCanBeRemoved() throws Exception {
        fleet.stop("node-b");
        Await.until(Duration.ofSeconds(30), () -> fleet.node(fleet.cluster(a), "node-b"), n -> "down".equals(n.get("state").asText()));

        MooringCli.Result down = statusAll();
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.stderr()).contains("node node-b down").contains("node node-c not-attached");
        assertThat(fleet.node(fleet.json(down.stdout()), "node-c").get("lastSeen").isNull()).isTrue();

        MooringCli.Result removed = fleet.cli("node-a", "node", "remove", "node-b");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        JsonNode after = fleet.cluster(a);
        assertThat(fleet.node(after, "node-b")).as("no inventory names it any more, and it no longer reports").isNull();
        assertThat(fleet.node(after, "node-a").get("state").asText()).isEqualTo("up");
    }

    @Test
    @Order(7)
    void aStateDatabaseThatCannotBeReadIsExitOneInOneLine() throws Exception {
        Path config = Files.writeString(tmp.resolve("missing.yml"), """
                repo: %s
                node: node-a
                home: %s
                database:
                  driverClass: org.postgresql.Driver
                  url: jdbc:postgresql://%s:%d/%s_missing
                  user: %s
                """.formatted(fleet.it.repo.dir(), tmp.resolve("home"), TestPostgres.HOST, TestPostgres.PORT, fleet.database,
                TestPostgres.USER));

        MooringCli.Result result = MooringCli.run("status", "--all", "--config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().strip()).startsWith("mooring: ").contains(fleet.database + "_missing").hasLineCount(1)
                .doesNotContain("\tat ");
        assertThat(result.stdout()).isEmpty();
    }
}
