package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.AgentEvents;
import io.mooring.model.BackupEvent;
import io.mooring.model.BackupSettings;
import io.mooring.model.ComposeResources;
import io.mooring.model.Host;
import io.mooring.model.Inventory;
import io.mooring.model.TenantConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A backup's end as the listeners hear it: when it ended, and why it failed without the tenant's secrets. */
class BackupEventsTest {
    private static final String PASSWORD = "s3cr3t-db-password";
    private static final Instant NOW = Instant.parse("2026-12-01T05:00:00Z");

    @Test
    void aFailureIsToldWithTheTenantsSecretsRedacted() {
        List<BackupEvent> heard = new ArrayList<>();
        TenantBackups backups = new TenantBackups(settings -> null, new TenantBackups.Options(Path.of("/nonexistent"), "mooring", 5 << 20,
                true, true), Clock.fixed(NOW, ZoneOffset.UTC)).telling(new AgentEvents() {
                    @Override
                    public void backupEnded(BackupEvent backup) {
                        heard.add(backup);
                    }
                });
        TenantConfig config = new TenantConfig("shop", new Inventory("inventory.yml", new TreeMap<>(Map.of("node-a",
                new Host("node-a", Map.of("postgres_password", PASSWORD), List.of())))), List.of(), BackupSettings.DEFAULT,
                ComposeResources.NONE);

        assertThatThrownBy(() -> backups.observed(config, "node-a", () -> {
            throw new IOException("pg_dump: connection to postgres:" + PASSWORD + "@db failed");
        })).isInstanceOf(IOException.class);

        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).succeeded()).isFalse();
        assertThat(heard.get(0).error().orElseThrow()).contains("pg_dump: connection to postgres:").doesNotContain(PASSWORD);
        assertThat(heard.get(0).at()).isEqualTo(NOW);
        assertThat(heard.get(0).node()).isEqualTo("node-a");
    }
}
