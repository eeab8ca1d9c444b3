package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.BackupEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The last backup of each tenant under each node, as the heartbeat and the status page show it. */
class LastBackupsTest {
    private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

    private static BackupEvent backup(String tenant, String node, Instant at, Optional<String> error) {
        return new BackupEvent(tenant, node, Duration.ofSeconds(3), 1024, error, at);
    }

    @Test
    void keepsTheNewestBackupPerTenantAndNode() {
        LastBackups last = new LastBackups();
        assertThat(last.of("acme", "node-a")).isEmpty();

        last.backupEnded(backup("acme", "node-a", AT, Optional.empty()));
        last.backupEnded(backup("acme", "node-a", AT.plusSeconds(60), Optional.of("pg_dump: connection refused")));
        last.backupEnded(backup("acme", "node-a", AT.minusSeconds(60), Optional.empty()));
        last.backupEnded(backup("acme", "node-b", AT.plusSeconds(120), Optional.empty()));

        assertThat(last.of("acme", "node-a")).hasValueSatisfying(b -> {
            assertThat(b.at()).as("an older one told late does not replace it").isEqualTo(AT.plusSeconds(60));
            assertThat(b.error()).contains("pg_dump: connection refused");
        });
        assertThat(last.of("acme", "node-b")).as("a stand-in backup under another node's name")
                .hasValueSatisfying(b -> assertThat(b.succeeded()).isTrue());
        assertThat(last.of("globex", "node-a")).isEmpty();
    }
}
