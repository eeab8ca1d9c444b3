package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.reconcile.Heartbeat;
import io.mooring.reconcile.HistoryCopy;
import io.mooring.testing.Await;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import io.mooring.testing.ThrowawayPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The cluster's PostgreSQL stopped under an agent: a new commit is still applied (its journal and deployments are the
 * node's own, on its disk), {@code mooring status} says in one line that the database cannot be read, and once the
 * server is back the agent's heartbeat shows the new revision and the pass made meanwhile is in the shared history.
 */
class StateOutageIT {
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final String DATABASE = "mooring";
    private final ObjectMapper json = new ObjectMapper();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private static String commit(TenantFixture it, String version) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", """
                all:
                  hosts:
                    node-a: {}
                  vars: {web_version: "%s"}
                """.formatted(version));
        it.repo.write("components.yml", it.webComponents());
        return it.repo.commit("web " + version);
    }

    /** The revision node-a's heartbeat shows for the tenant; "" while the view cannot be read. */
    private String shown(TestAgent agent) {
        try {
            for (JsonNode node : json.readTree(agent.get("/api/cluster")).get("nodes")) {
                if (node.get("node").asText().equals("node-a") && "up".equals(node.get("state").asText()) && !node.get("tenants").isEmpty()) {
                    return node.get("tenants").get(0).get("revision").asText();
                }
            }
        } catch (Exception | AssertionError e) {
            return "";
        }
        return "";
    }

    private static String page(TenantFixture it) {
        try {
            return it.page("/");
        } catch (RuntimeException | AssertionError e) {
            return "";
        }
    }

    private static List<String> containerIds(TenantFixture it) {
        return it.docker.tenantContainers(it.tenant).stream().map(c -> c.getId()).sorted().toList();
    }

    private static long sharedPasses(ThrowawayPostgres pg, String revision) {
        try {
            return pg.queryLong(DATABASE, "SELECT count(*) FROM passes WHERE node = 'node-a' AND status = 'CONVERGED'"
                    + " AND revision = '" + revision + "'");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the heartbeat and the copy of the history log from now on, their lines at INFO included. */
    /** Dropwizard sets the logging up again when an agent starts: listen after it did. */
    private ListAppender<ILoggingEvent> listen() {
        logged.list.clear();
        logged.start();
        for (Class<?> type : List.of(Heartbeat.class, HistoryCopy.class)) {
            Logger logger = (Logger) LoggerFactory.getLogger(type);
            logger.setLevel(Level.INFO);
            logger.addAppender(logged);
        }
        return logged;
    }

    @AfterEach
    void stopListening() {
        for (Class<?> type : List.of(Heartbeat.class, HistoryCopy.class)) {
            Logger logger = (Logger) LoggerFactory.getLogger(type);
            logger.detachAppender(logged);
            logger.setLevel(null);
        }
    }

    private static List<String> lines(ListAppender<ILoggingEvent> logged, Level level) {
        return List.copyOf(logged.list).stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** node-a's agent, started again with the same file and home. */
    private static TestAgent agent(TenantFixture it, Path tmp, ThrowawayPostgres pg) throws Exception {
        return new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), tmp.resolve("home"), "node-a", """
                interval: 1s
                healthTimeout: 30s
                cluster: {heartbeatInterval: 1s}
                """ + pg.agentDatabaseBlock(DATABASE));
    }

    /**
     * One outage, in order: a pass replaces the container; {@code status} cannot read; the agent, started again meanwhile,
     * starts from its own state and applies another commit; the server comes back and the view and history catch up.
     */
    @Test
    void aStoppedStateDatabaseStopsNoPassAndTheViewRecoversWhenItReturns(@TempDir Path tmp) throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.start(); TenantFixture it = new TenantFixture(tmp)) {
            pg.createDatabase(DATABASE);
            String first = commit(it, "1.0");
            Path config = tmp.resolve("agent.yml");
            String second;
            TestAgent agent = agent(it, tmp, pg);
            try {
                Await.until(CONVERGE, () -> shown(agent), first::equals);
                Await.until(Duration.ofSeconds(10), () -> sharedPasses(pg, first), n -> n > 0);
                List<String> before = containerIds(it);
                assertThat(before).hasSize(1);

                listen();
                pg.stop();
                String applied = commit(it, "2.0");
                second = applied;
                Await.until(CONVERGE, () -> page(it), "web 2.0"::equals);
                List<String> replaced = Await.until(CONVERGE, () -> containerIds(it), ids -> ids.size() == 1 && !ids.equals(before));
                String passes = Await.until(CONVERGE, () -> agent.get("/api/passes?tenant=" + it.tenant + "&limit=1"),
                        p -> p.contains(applied));
                assertThat(passes).as("the node's own history while the shared one is away").contains("\"status\":\"CONVERGED\"");

                MooringCli.Result status = MooringCli.run("status", "--config", config.toString());
                assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
                assertThat(status.stderr().strip()).hasLineCount(1).doesNotContain("\tat ")
                        .startsWith("mooring: the state database postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE + " (database: in "
                                + config + ") cannot be read: ");
                assertThat(status.stdout()).isEmpty();
                assertThat(lines(logged, Level.WARN)).as("one warning each for the whole outage, however many beats and tries")
                        .hasSize(2).anySatisfy(l -> assertThat(l).startsWith("node node-a: the heartbeat cannot be written"))
                        .anySatisfy(l -> assertThat(l).startsWith("node node-a: its passes cannot be copied"));
            } finally {
                agent.close();
            }

            // Started again while the server is still away: from its own state.
            TestAgent again = agent(it, tmp, pg);
            listen();
            try {
                String third = commit(it, "1.0");
                Await.until(CONVERGE, () -> page(it), "web 1.0"::equals);
                List<String> now = Await.until(CONVERGE, () -> containerIds(it), ids -> ids.size() == 1);

                pg.startAgain();
                Await.until(CONVERGE, () -> shown(again), third::equals);
                Await.until(Duration.ofSeconds(30), () -> sharedPasses(pg, third), n -> n > 0);
                assertThat(sharedPasses(pg, second)).as("the pass made during the outage, by the agent before it stopped").isPositive();
                assertThat(pg.queryLong(DATABASE, "SELECT count(*) FROM (SELECT source_id, started_at FROM passes"
                        + " GROUP BY source_id, started_at HAVING count(*) > 1) twice")).as("each pass copied once").isZero();
                assertThat(containerIds(it)).as("nothing was replaced again").isEqualTo(now);
                assertThat(Await.until(Duration.ofSeconds(10), () -> lines(logged, Level.INFO), l -> l.size() == 2))
                        .as("one line each when the outage ends").anySatisfy(l -> assertThat(l).startsWith("node node-a: the heartbeat is written again"))
                        .anySatisfy(l -> assertThat(l).startsWith("node node-a: the shared history is written again"));
                // The heartbeat starts a moment after the server: its first beat, in the outage, may be told once.
                List<String> warnings = lines(logged, Level.WARN);
                assertThat(warnings).as("no warning at every beat or try").allSatisfy(l -> assertThat(l)
                        .startsWith("node node-a: the heartbeat cannot be written"));
                assertThat(warnings).as("told once for the outage it started in").hasSizeLessThanOrEqualTo(1);
            } finally {
                again.close();
            }
        }
    }
}
