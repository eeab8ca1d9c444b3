package io.mooring.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NOTIFY_SOCKET and the watchdog's variables as systemd sets them, and messages on a real unix datagram socket. */
class ServiceManagerTest {
    private static final long PID = 4242;

    @Test
    void withoutNotifySocketThereIsNoServiceManager() {
        assertThat(ServiceManager.of(Map.of(), PID)).isEmpty();
        assertThat(ServiceManager.of(Map.of("NOTIFY_SOCKET", "", "WATCHDOG_USEC", "1000000"), PID)).isEmpty();
    }

    @Test
    void theWatchdogIsOnlyForTheProcessItNames() {
        assertThat(ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "120000000"), PID)).contains(Duration.ofMinutes(2));
        assertThat(ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "120000000", "WATCHDOG_PID", "4242"), PID)).contains(Duration.ofMinutes(2));
        assertThat(ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "120000000", "WATCHDOG_PID", "4243"), PID)).isEmpty();
        assertThat(ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "0"), PID)).isEmpty();
        assertThat(ServiceManager.watchdog(Map.of(), PID)).isEmpty();
        assertThatThrownBy(() -> ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "2min"), PID))
                .hasMessageContaining("WATCHDOG_USEC=2min").hasMessageContaining("WatchdogSec=");
    }

    @Test
    void aNotifySocketIsAPathOrAnAbstractName() {
        assertThatThrownBy(() -> ServiceManager.of(Map.of("NOTIFY_SOCKET", "run/notify"), PID)).hasMessageContaining("NOTIFY_SOCKET=run/notify");
        assertThatThrownBy(() -> ServiceManager.of(Map.of("NOTIFY_SOCKET", "/" + "x".repeat(120)), PID)).hasMessageContaining("longer");
    }

    @Test
    void messagesReachASocketAtAPath(@TempDir Path tmp) throws Exception {
        try (NotifyReceiver receiver = NotifyReceiver.bind(tmp.resolve("notify").toString())) {
            ServiceManager manager = ServiceManager.of(Map.of("NOTIFY_SOCKET", receiver.address()), PID).orElseThrow();
            manager.ready();
            manager.status("two\nlines");
            manager.watchdog();
            manager.stopping();
            assertThat(receiver.until("STOPPING=1"::equals)).containsExactly("READY=1", "STATUS=two lines", "WATCHDOG=1", "STOPPING=1");
        }
    }

    @Test
    void messagesReachAnAbstractSocket() throws Exception {
        try (NotifyReceiver receiver = NotifyReceiver.bind("@mooring-test-" + UUID.randomUUID())) {
            ServiceManager manager = ServiceManager.of(Map.of("NOTIFY_SOCKET", receiver.address()), PID).orElseThrow();
            manager.ready();
            manager.watchdog();
            assertThat(receiver.until("WATCHDOG=1"::equals)).containsExactly("READY=1", "WATCHDOG=1");
        }
    }

    @Test
    void aMissingSocketIsAnErrorThatSaysWhich(@TempDir Path tmp) {
        String missing = tmp.resolve("gone").toString();
        ServiceManager manager = ServiceManager.of(Map.of("NOTIFY_SOCKET", missing), PID).orElseThrow();
        assertThatThrownBy(manager::ready).hasMessageContaining("NOTIFY_SOCKET=" + missing).hasMessageContaining("errno 2");
    }
}
