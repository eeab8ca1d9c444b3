package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster's view from heartbeats: up within three intervals, down after, not-attached when only an inventory names it. */
class ClusterStatusTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final NodeReport.Component WEB = new NodeReport.Component("web", "web:1", "sha256:aa", "running", "healthy");

    static NodeReport report(String node, Duration silent, List<String> named, NodeReport.Tenant... tenants) {
        return new NodeReport(node, "1.0", node + ".example", NOW.minusSeconds(3600), NOW.minus(silent), Duration.ofSeconds(10),
                named, List.of(tenants));
    }

    static NodeReport.Tenant tenant(String status, NodeReport.Component... components) {
        return new NodeReport.Tenant("acme", List.of("web"), "abc", status, NOW.minusSeconds(5), List.of(components));
    }

    @Test
    void aNodeIsUpUntilThreeHeartbeatsAreMissedThenDown() {
        ClusterStatus status = ClusterStatus.of(List.of(report("a", Duration.ofSeconds(30), List.of()),
                report("b", Duration.ofSeconds(31), List.of())), Optional.empty(), NOW);

        assertThat(status.nodes()).extracting(ClusterStatus.Node::node, ClusterStatus.Node::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "up"), org.assertj.core.groups.Tuple.tuple("b", "down"));
        assertThat(status.exitCode()).isEqualTo(3);
    }

    @Test
    void aNodeAnInventoryNamesThatNeverReportedIsNotAttached() {
        ClusterStatus status = ClusterStatus.of(List.of(report("b", Duration.ZERO, List.of("a", "b", "c"), tenant("CONVERGED", WEB))),
                Optional.of("b@1234"), NOW);

        assertThat(status.nodes()).extracting(ClusterStatus.Node::node).containsExactly("a", "b", "c");
        assertThat(status.node("a").orElseThrow().state()).isEqualTo("not-attached");
        assertThat(status.node("a").orElseThrow().lastSeen()).isNull();
        assertThat(status.node("b").orElseThrow().leader()).as("the singleton lease's holder leads").isTrue();
        assertThat(status.node("b").orElseThrow().roles()).containsExactly("web");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.only("b").exitCode()).as("this node alone is up and converged").isZero();
        assertThat(status.only("z").nodes().get(0).state()).isEqualTo("not-attached");
    }

    @Test
    void everyNodeUpAndConvergedIsExitZeroAnythingElseThree() {
        assertThat(ClusterStatus.of(List.of(report("a", Duration.ZERO, List.of("a"), tenant("CONVERGED", WEB))), Optional.empty(), NOW)
                .exitCode()).isZero();
        for (NodeReport.Tenant degraded : List.of(tenant("FAILED", WEB), tenant(""),
                tenant("CONVERGED", new NodeReport.Component("web", "web:1", "", "exited", "none")),
                tenant("CONVERGED", new NodeReport.Component("web", "web:1", "", "running", "unhealthy")))) {
            assertThat(ClusterStatus.of(List.of(report("a", Duration.ZERO, List.of(), degraded)), Optional.empty(), NOW).exitCode())
                    .as(degraded.toString()).isEqualTo(3);
        }
    }

    @Test
    void theLeaseHolderIsTheNodeOrTheNodeWithAnInstanceNeverANodeWhoseNameStartsAlike() {
        assertThat(ClusterStatus.holds("node-a", "node-a")).isTrue();
        assertThat(ClusterStatus.holds("node-a@42", "node-a")).isTrue();
        assertThat(ClusterStatus.holds("node-ab", "node-a")).isFalse();
    }
}
