package io.mooring.reconcile;

import io.mooring.model.AgentEvents;
import io.mooring.model.BackupEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last backup of each tenant under each node, made or failed, as the agent told it since it started: what the node's
 * heartbeat and the status page show. Kept in memory only; a listener that returns at once.
 */
public final class LastBackups implements AgentEvents {
    private final Map<String, BackupEvent> last = new ConcurrentHashMap<>();

    @Override
    public void backupEnded(BackupEvent backup) {
        last.merge(key(backup.tenant(), backup.node()), backup, (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    /** The tenant's last backup kept under {@code node}, if one ended since the agent started. */
    public Optional<BackupEvent> of(String tenant, String node) {
        return Optional.ofNullable(last.get(key(tenant, node)));
    }

    private static String key(String tenant, String node) {
        return tenant + "\n" + node;
    }
}
