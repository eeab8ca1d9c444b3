package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.mooring.testing.AgentProcess;
import io.mooring.testing.Await;
import io.mooring.testing.Fleet;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster on one machine: agents of seed 000's five-host tenant, each on a Docker engine of its own standing in for its
 * host (scripts/test-env starts them), all recording in one PostgreSQL database. Each engine runs exactly its node's
 * part; a node of the inventory that had no agent gets one later and converges its part, the others untouched; and
 * {@code mooring status --all} run on one node shows every node with its part.
 */
class FleetIT {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private Fleet fleet;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        fleet = new Fleet(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.close();
    }

    /** What each engine should run: {@code host}'s components, each running, by engine. */
    private Map<Integer, List<String>> running(Map<Integer, String> hostByEngine) {
        Map<Integer, List<String>> expected = new TreeMap<>();
        hostByEngine.forEach((engine, host) -> expected.put(engine, fleet.expected(host).stream().map(c -> c + " running").toList()));
        return expected;
    }

    private Map<Integer, List<String>> containerIds(int... engines) {
        Map<Integer, List<String>> ids = new TreeMap<>();
        for (int engine : engines) {
            ids.put(engine, fleet.engines.containers(engine, fleet.tenant).stream().map(Container::getId).sorted().toList());
        }
        return ids;
    }

    @Test
    void eachEngineRunsItsNodesPartAndANodeAddedLaterConvergesItsOwn() throws Exception {
        fleet.start("omlapp", 1);
        fleet.start("kamailio", 2);
        fleet.start("asterisk", 3);
        Map<Integer, String> three = Map.of(1, "omlapp", 2, "kamailio", 3, "asterisk");

        Await.until(CONVERGE, () -> fleet.engines.componentsByEngine(fleet.tenant), running(three)::equals);
        assertThat(fleet.expected("omlapp")).contains("django", "nginx").doesNotContain("postgresql", "kamailio", "asterisk");
        assertThat(fleet.expected("kamailio")).containsExactly("kamailio", "rtpengine");
        assertThat(fleet.expected("asterisk")).contains("asterisk").doesNotContain("kamailio");
        Await.until(Duration.ofSeconds(30), this::lastPasses,
                passes -> passes.equals(Map.of("asterisk", "CONVERGED", "kamailio", "CONVERGED", "omlapp", "CONVERGED")));
        assertThat(fleet.engines.components(TestEngines.MAIN, fleet.tenant)).as("the database host has no agent yet").isEmpty();
        Map<Integer, List<String>> before = containerIds(1, 2, 3);

        // The database host of the inventory gets an agent (on the machine's main engine), with the same state database;
        // nothing of the others' configuration changes.
        fleet.start("database", TestEngines.MAIN);
        Map<Integer, String> four = Map.of(TestEngines.MAIN, "database", 1, "omlapp", 2, "kamailio", 3, "asterisk");
        Await.until(CONVERGE, () -> fleet.engines.componentsByEngine(fleet.tenant), running(four)::equals);
        assertThat(fleet.expected("database")).containsExactly("postgresql");
        Await.until(Duration.ofSeconds(30), this::lastPasses, passes -> "CONVERGED".equals(passes.get("database")));
        assertThat(lastPasses()).as("the dialer host has no agent: nothing recorded for it").doesNotContainKey("dialer")
                .containsOnlyKeys("asterisk", "database", "kamailio", "omlapp");
        assertThat(containerIds(1, 2, 3)).as("the other nodes' containers are the ones they ran").isEqualTo(before);

        // status --all, run with one node's file, shows the whole cluster: four nodes up with their parts of the tenant,
        // the dialer the inventory names but no agent ever ran on not attached (so: degraded, exit 3).
        Map<String, String> view = new TreeMap<>();
        for (String host : Fleet.HOSTS) {
            view.put(host, host.equals("dialer") ? "not-attached" : "up CONVERGED " + fleet.expected(host));
        }
        Await.until(Duration.ofSeconds(40), () -> statusAll().view(), view::equals);
        assertThat(statusAll().exitCode()).isEqualTo(3);
    }

    private record Status(int exitCode, Map<String, String> view) {
    }

    /** Per node of {@code status --all}: its state, and for a node with the tenant its last pass and components. */
    private Status statusAll() {
        try {
            MooringCli.Result result = MooringCli.run("status", "--all", "--format", "json", "--config", fleet.agentFile("omlapp").toString());
            Map<String, String> view = new TreeMap<>();
            if (result.exitCode() == 1) {
                return new Status(1, view);
            }
            for (JsonNode node : new ObjectMapper().readTree(result.stdout()).get("nodes")) {
                String line = node.get("state").asText();
                for (JsonNode tenant : node.get("tenants")) {
                    List<String> components = new ArrayList<>();
                    tenant.get("components").forEach(c -> components.add(c.get("component").asText()));
                    line += " " + tenant.get("status").asText() + " " + components.stream().sorted().toList();
                }
                view.put(node.get("node").asText(), line);
            }
            return new Status(result.exitCode(), view);
        } catch (Exception e) {
            throw new AssertionError("mooring status --all", e);
        }
    }

    /**
     * kill -9 of a node's agent: what it started runs on; started again with its file and home, it converges from its
     * own state, replacing nothing, and records its passes again.
     */
    @Test
    void aKilledAgentLeavesItsContainersRunningAndReportsAgainOnceStarted() throws Exception {
        AgentProcess kamailio = fleet.startProcess("kamailio", 2, "");
        Map<Integer, List<String>> itsPart = running(Map.of(2, "kamailio"));
        Await.until(CONVERGE, () -> fleet.engines.componentsByEngine(fleet.tenant), itsPart::equals);
        Await.until(Duration.ofSeconds(30), this::lastPasses, passes -> passes.equals(Map.of("kamailio", "CONVERGED")));
        Map<Integer, List<String>> before = containerIds(2);

        kamailio.kill();
        assertThat(kamailio.alive()).isFalse();
        long passes = fleet.passCount("kamailio");
        assertThat(fleet.engines.componentsByEngine(fleet.tenant)).isEqualTo(itsPart);

        kamailio.restart();
        Await.until(CONVERGE, () -> count("kamailio"), n -> n > passes);
        assertThat(lastPasses()).isEqualTo(Map.of("kamailio", "CONVERGED"));
        assertThat(containerIds(2))
                .as(() -> "killed after pass " + passes + "; what its passes did: " + actions("kamailio")).isEqualTo(before);
    }

    private Map<String, String> actions(String node) {
        try {
            return fleet.actions(node);
        } catch (Exception e) {
            throw new AssertionError("cannot read the actions of " + fleet.database, e);
        }
    }

    private long count(String node) {
        try {
            return fleet.passCount(node);
        } catch (Exception e) {
            throw new AssertionError("cannot count the passes of " + node, e);
        }
    }

    private Map<String, String> lastPasses() {
        try {
            return fleet.lastPassByNode();
        } catch (Exception e) {
            throw new AssertionError("cannot read the passes of " + fleet.database, e);
        }
    }
}
