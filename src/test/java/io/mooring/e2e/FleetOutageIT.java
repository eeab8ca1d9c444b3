package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.reconcile.Heartbeat;
import io.mooring.testing.Await;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The heartbeats cannot be written (their table is renamed away under the agent, in its own database): passes go on and
 * apply a new commit, the outage is logged once however many beats it lasts, and the view comes back with the table.
 */
class FleetOutageIT {
    private FleetRig fleet;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        fleet = new FleetRig(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.close();
    }

    private JsonNode nodeA() {
        try {
            JsonNode status = fleet.json(fleet.cli("node-a", "status", "--format", "json").stdout());
            return fleet.node(status, "node-a");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void passesGoOnWhileHeartbeatsFailAndTheViewRecovers() throws Exception {
        fleet.commit("1.0", "");
        TestAgent a = fleet.start("node-a");
        Await.until(Duration.ofSeconds(90), () -> fleet.it.page("/"), "web 1.0"::equals);
        Await.until(Duration.ofSeconds(30), this::nodeA, n -> "up".equals(n.get("state").asText()));
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger heartbeat = (Logger) LoggerFactory.getLogger(Heartbeat.class);
        heartbeat.addAppender(logged);

        TestPostgres.execute(fleet.database, "ALTER TABLE cluster_nodes RENAME TO cluster_nodes_away");
        String second = fleet.commit("2.0", "");
        Await.until(Duration.ofSeconds(90), () -> fleet.it.page("/"), "web 2.0"::equals);
        Thread.sleep(4_000);
        assertThat(a.get("/api/passes?tenant=" + fleet.it.tenant + "&limit=1")).contains("\"status\":\"CONVERGED\"").contains(second);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).as("one warning for the whole outage").hasSize(1)
                .first().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("node node-a: the heartbeat cannot be written").contains("passes go on");

        TestPostgres.execute(fleet.database, "ALTER TABLE cluster_nodes_away RENAME TO cluster_nodes");
        JsonNode back = Await.until(Duration.ofSeconds(30), this::nodeA,
                n -> "up".equals(n.get("state").asText()) && n.get("tenants").get(0).get("revision").asText().equals(second));
        assertThat(back.get("tenants").get(0).get("components").get(0).get("image").asText()).endsWith("/demo/web:2.0");
        heartbeat.detachAppender(logged);
    }
}
