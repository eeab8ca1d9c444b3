package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.MooringApplication;
import io.mooring.MooringConfiguration;
import io.mooring.model.ClusterStatus;
import io.mooring.model.NodeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code mooring status} prints: the JSON contract and the terminal table. */
class StatusOutputTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static ClusterStatus status() {
        NodeReport.Tenant acme = new NodeReport.Tenant("acme", List.of("db", "web"), "0123456789abcdef", "CONVERGED", NOW.minusSeconds(7),
                List.of(new NodeReport.Component("web", "127.0.0.1:5000/demo/web:1.0", "sha256:" + "ab".repeat(32), "running", "healthy")));
        NodeReport a = new NodeReport("node-a", "1.4.0", "a.example", NOW.minusSeconds(600), NOW.minusSeconds(2), Duration.ofSeconds(10),
                List.of("node-a", "node-c"), List.of(acme));
        return ClusterStatus.of(List.of(a), Optional.of("node-a"), NOW);
    }

    @Test
    void theJsonHasTheContractsShape() throws Exception {
        // The application's own mapper, as the command gets it from its bootstrap: the contract is what it writes.
        Bootstrap<MooringConfiguration> bootstrap = new Bootstrap<>(new MooringApplication());
        bootstrap.getApplication().initialize(bootstrap);
        ObjectMapper mapper = bootstrap.getObjectMapper();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(status()));

        JsonNode node = json.get("nodes").get(0);
        assertThat(node.fieldNames()).toIterable().contains("node", "state", "leader", "lastSeen", "version", "tenants");
        assertThat(node.get("node").asText()).isEqualTo("node-a");
        assertThat(node.get("state").asText()).isEqualTo("up");
        assertThat(node.get("leader").asBoolean()).isTrue();
        assertThat(node.get("lastSeen").asText()).isEqualTo("2026-11-30T11:59:58Z");
        assertThat(node.get("version").asText()).isEqualTo("1.4.0");
        JsonNode tenant = node.get("tenants").get(0);
        assertThat(tenant.fieldNames()).toIterable().contains("tenant", "revision", "status", "components");
        assertThat(tenant.get("status").asText()).isEqualTo("CONVERGED");
        JsonNode component = tenant.get("components").get(0);
        assertThat(component.fieldNames()).toIterable().containsExactly("component", "image", "digest", "state", "health", "replicas",
                "nodes");
        assertThat(component.get("health").asText()).isEqualTo("healthy");
        JsonNode missing = json.get("nodes").get(1);
        assertThat(missing.get("state").asText()).isEqualTo("not-attached");
        assertThat(missing.get("lastSeen").isNull()).isTrue();
        assertThat(missing.get("tenants")).isEmpty();
    }

    @Test
    void theTableListsNodesThenEveryComponent() {
        String text = StatusTable.text(status(), NOW);

        assertThat(text.lines().toList()).containsExactly(
                "NODE    STATE         LEADER  LAST SEEN                      VERSION  ROLES",
                "node-a  up            yes     2026-11-30T11:59:58Z (2s ago)  1.4.0    db,web",
                "node-c  not-attached          never                          -        -",
                "",
                "NODE    TENANT  REVISION      STATUS     LAST PASS                      COMPONENT  IMAGE                        DIGEST"
                        + "               STATE    HEALTH",
                "node-a  acme    0123456789ab  CONVERGED  2026-11-30T11:59:53Z (7s ago)  web        127.0.0.1:5000/demo/web:1.0  "
                        + "sha256:abababababab  running  healthy");
        assertThat(StatusTable.degraded(status())).isEqualTo("node node-c not-attached");
    }

    @Test
    void aTerminalEscapeInTheSharedStateIsNotPrinted() {
        assertThat(StatusTable.table(List.of(List.of("NODE", "STATE"), List.of("evil\u001b[2J", "up"))))
                .isEqualTo("NODE      STATE\nevil?[2J  up\n");
    }

    @Test
    void anEmptyViewIsDegradedAndTheLineSaysNoNodeReported() {
        ClusterStatus empty = ClusterStatus.of(List.of(), Optional.empty(), NOW);

        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(StatusTable.degraded(empty)).startsWith("no node has reported to this database");
    }

    @Test
    void theDegradedLineNamesTheComponentThatIsNotFine() {
        NodeReport.Tenant acme = new NodeReport.Tenant("acme", List.of("web"), "0123", "CONVERGED", NOW.minusSeconds(7), List.of(
                new NodeReport.Component("db", "db:1", "", "missing", "none"),
                new NodeReport.Component("web", "web:1", "sha256:aa", "running", "unhealthy")));
        NodeReport a = new NodeReport("node-a", "1.4.0", "a.example", NOW.minusSeconds(600), NOW.minusSeconds(2), Duration.ofSeconds(10),
                List.of("node-a"), List.of(acme));

        assertThat(StatusTable.degraded(ClusterStatus.of(List.of(a), Optional.empty(), NOW)))
                .isEqualTo("tenant acme on node-a component db missing, component web unhealthy");
    }

    @Test
    void aSwarmServiceShowsItsTasksRunningOfDesiredAndTheirNodes() {
        NodeReport.Tenant acme = new NodeReport.Tenant("acme", List.of("web"), "0123", "CONVERGED", NOW.minusSeconds(7), List.of(
                new NodeReport.Component("api", "api:1", "sha256:aa", "running", "none", "2/2", List.of("node-a", "node-b")),
                new NodeReport.Component("web", "web:1", "sha256:aa", "partly running", "none", "1/3", List.of("node-b"))));
        ClusterStatus status = ClusterStatus.of(List.of(new NodeReport("node-a", "1.4.0", "a.example", NOW.minusSeconds(600),
                NOW.minusSeconds(2), Duration.ofSeconds(10), List.of("node-a"), List.of(acme))), Optional.empty(), NOW);

        assertThat(StatusTable.text(status, NOW)).contains("running 2/2 on node-a, node-b").contains("partly running 1/3 on node-b");
        assertThat(StatusTable.degraded(status)).isEqualTo("tenant acme on node-a component web partly running");
    }

    @Test
    void unicodeControlAndFormatCharactersAreNotPrintedEither() {
        assertThat(StatusTable.printable("a\u009b2Jb\u202ec\u007fd")).isEqualTo("a?2Jb?c?d");
        ClusterStatus evil = ClusterStatus.of(List.of(new NodeReport("x\u001b]0;t\u0007", "1", "", NOW, NOW.minusSeconds(600),
                Duration.ofSeconds(10), List.of(), List.of())), Optional.empty(), NOW);
        assertThat(StatusTable.degraded(evil)).isEqualTo("node x?]0;t? down");
    }

    @Test
    void aNodeWithANoteOnItsHeartbeatIsShownWithItAndIsDegraded() {
        NodeReport b = new NodeReport("node-b", "1.4.0", "b.example", NOW.minusSeconds(600), NOW.minusSeconds(2), Duration.ofSeconds(10),
                List.of(), List.of(), "its heartbeat's report in cluster_nodes cannot be read (\u001b[2J)");
        ClusterStatus status = ClusterStatus.of(List.of(b), Optional.empty(), NOW);

        assertThat(StatusTable.text(status, NOW)).contains("NOTE node-b: its heartbeat's report in cluster_nodes cannot be read (?[2J)");
        assertThat(StatusTable.degraded(status)).startsWith("node node-b: its heartbeat's report");
        assertThat(status.exitCode()).isEqualTo(3);
    }
}
