package io.mooring.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.AgentProcess;
import io.mooring.testing.Http;
import io.mooring.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's jar, started by the launcher as the unit starts it, with the variables systemd sets for a unit of
 * Type=notify and WatchdogSec=: its messages on a real unix datagram socket (python3's) are READY=1 once it answers,
 * WATCHDOG=1 again and again while its reconcile health check is healthy, and STOPPING=1 when it is stopped.
 */
class SystemdNotifyIT {

    private static AgentProcess agent(Path tmp, Map<String, String> systemd) throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("config"))) {
            repo.write("README.md", "No tenant yet.\n").commit("an empty fleet");
        }
        return AgentProcess.start(tmp.resolve("agent.yml"), tmp.resolve("config").toString(), "notify-node", tmp.resolve("home"),
                "interval: 1s\n", systemd);
    }

    @Test
    void theAgentIsReadyThenFeedsTheWatchdogThenStops(@TempDir Path tmp) throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bind(tmp.resolve("notify").toString())) {
            // WatchdogSec=900ms: a ping every 300 ms.
            AgentProcess agent = agent(tmp, Map.of("NOTIFY_SOCKET", systemd.address(), "WATCHDOG_USEC", "900000"));
            try {
                assertThat(systemd.next()).isEqualTo("READY=1");
                assertThat(systemd.until("WATCHDOG=1"::equals)).containsExactly("STATUS=the reconcile health check is healthy", "WATCHDOG=1");
                assertThat(systemd.next()).isEqualTo("WATCHDOG=1");
                assertThat(systemd.next()).isEqualTo("WATCHDOG=1");
                assertThat(Http.get(agent.adminUrl("/healthcheck"))).contains("\"reconcile\":{\"healthy\":true");
                assertThat(agent.log()).as("what the unit's journal gets: requests, no status list of the request log")
                        .contains("\"GET /ping HTTP/1.1\" 200").doesNotContain("|-INFO in", "|-WARN in", "LogbackAccessRequestLog");
            } finally {
                agent.close();
            }
            List<String> last = systemd.until("STOPPING=1"::equals);
            assertThat(last).allMatch(m -> m.equals("WATCHDOG=1") || m.equals("STOPPING=1"));
            System.out.println("the agent told systemd: " + systemd.received().size() + " messages, " + systemd.received().subList(0, 4) + "...");
        }
    }

    @Test
    void aWatchdogForAnotherProcessIsNotFedAndAnAbstractSocketIsReached(@TempDir Path tmp) throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.bind("@mooring-notify-it-" + UUID.randomUUID())) {
            // WATCHDOG_PID names process 1: the watchdog is not the agent's.
            AgentProcess agent = agent(tmp, Map.of("NOTIFY_SOCKET", systemd.address(), "WATCHDOG_USEC", "900000", "WATCHDOG_PID", "1"));
            try {
                assertThat(Http.get(agent.adminUrl("/healthcheck"))).contains("\"reconcile\":{\"healthy\":true");
            } finally {
                agent.close();
            }
            assertThat(systemd.until("STOPPING=1"::equals)).containsExactly("READY=1", "STOPPING=1");
        }
    }
}
