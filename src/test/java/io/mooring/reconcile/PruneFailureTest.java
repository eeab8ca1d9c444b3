package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.backup.BackupTarget;
import io.mooring.backup.BucketSettings;
import io.mooring.backup.LocalDirectoryTarget;
import io.mooring.inventory.InventoryReader;
import io.mooring.model.BackupSettings;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup that was made stays made when pruning the old ones afterwards fails: the store refuses every delete (a
 * bucket whose key may write but not delete), the backups are made and reported, and the old ones are kept for the next.
 */
class PruneFailureTest {
    @TempDir
    Path tmp;

    /** The agent's backup folder, where every delete is refused. */
    private final class NoDeletes implements BackupTarget {
        private final LocalDirectoryTarget target = new LocalDirectoryTarget(tmp.resolve("backups"));

        @Override
        public ObjectUpload upload(String key) throws IOException {
            return target.upload(key);
        }

        @Override
        public InputStream read(String key) throws IOException {
            return target.read(key);
        }

        @Override
        public List<String> keys(String prefix) throws IOException {
            return target.keys(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            throw new IOException("AccessDenied: the key may not delete " + key);
        }

        @Override
        public int clean(String prefix) throws IOException {
            return target.clean(prefix);
        }

        @Override
        public String describe() {
            return "a folder that refuses deletes";
        }

        @Override
        public void close() {
            target.close();
        }
    }

    @Test
    void aBackupWhoseOldOnesCannotBePrunedIsStillMadeAndSaysSo() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(folder.resolve("a.conf"), "kept");
        TenantConfig config = new TenantConfig("acme", InventoryReader.read("inventory.yml",
                "all:\n  hosts: {node-a: {}}\n".getBytes(StandardCharsets.UTF_8)), List.of(),
                new BackupSettings(false, List.of(folder.toString()), List.of(), new BackupSettings.Retention(1, 0, 0), "0 3 * * *", false, -1));
        BucketSettings bucket = new BucketSettings("http://s3.example", "own", "us-east-1", "", "", true, true, 5 * 1024 * 1024);
        TenantBackups backups = new TenantBackups(b -> new NoDeletes(), new TenantBackups.Options(tmp.resolve("unused"), "mooring",
                5 * 1024 * 1024, true, true, Optional.of(bucket), java.time.Duration.ofMinutes(1)), Clock.systemUTC());
        Guardrails guardrails = Guardrails.defaults().withBindMounts(List.of(folder.toString()));
        DesiredState desired = new DesiredState("acme", "node-a", new Revision("0123456789abcdef", "acme"), List.of());

        String first = UpgradeBackup.make(backups, config, desired, guardrails);
        String second = UpgradeBackup.make(backups, config, desired, guardrails);

        assertThat(second).as("made, although retention (the last one) could not remove " + first).isNotEqualTo(first);
        try (TenantBackups.Context context = backups.context(config, desired, guardrails)) {
            assertThat(context.backups().list("acme", "node-a")).as("both kept until a prune succeeds").hasSize(2);
            assertThat(context.prune()).as("the failure, said").get().asString().contains("were not pruned", "AccessDenied");
        }
    }
}
