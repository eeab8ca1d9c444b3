package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.inventory.InventoryReader;
import io.mooring.model.BackupSettings;
import io.mooring.model.TenantConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A managed database's dump moves to the cluster's leader only when it lands where the first host finds it (the
 * tenant's bucket) and the first host has no folders of its own to back up beside it.
 */
class TenantBackupsMovableTest {
    private static final String BUCKET = "bucket_url: \"http://s3.example:9000\", bucket_name: backups, ";
    private static final String MANAGED = "postgres_host: db.example, postgres_port: \"5432\", postgres_database: acme, postgres_user: acme";

    private static TenantConfig tenant(String vars, List<String> folders) {
        String inventory = """
                all:
                  hosts: {node-a: {}, node-b: {}}
                  vars: {%s}
                """.formatted(vars);
        return new TenantConfig("acme", InventoryReader.read("inventory.yml", inventory.getBytes(StandardCharsets.UTF_8)), List.of(),
                new BackupSettings(true, folders, List.of(), BackupSettings.Retention.DEFAULT, "0 3 * * *", false, -1));
    }

    @Test
    void aManagedDatabaseBackedUpToTheTenantsBucketWithoutFoldersMoves() {
        assertThat(TenantBackups.movable(tenant(BUCKET + MANAGED, List.of()))).isTrue();
    }

    @Test
    void withoutTheTenantsBucketTheDumpStaysOnTheFirstHost() {
        assertThat(TenantBackups.movable(tenant(MANAGED, List.of())))
                .as("the agent's own folder or bucket is the first host's: a leader's would be elsewhere").isFalse();
    }

    @Test
    void withFoldersTheDumpStaysOnTheFirstHostWhereTheFoldersAre() {
        assertThat(TenantBackups.movable(tenant(BUCKET + MANAGED, List.of("/srv/acme/recordings")))).isFalse();
    }

    @Test
    void aDatabaseOnOneOfTheHostsIsThatHostsOwn() {
        assertThat(TenantBackups.movable(tenant(BUCKET.substring(0, BUCKET.length() - 2), List.of()))).isFalse();
    }
}
