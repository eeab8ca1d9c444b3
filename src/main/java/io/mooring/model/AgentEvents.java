package io.mooring.model;

import java.time.Duration;
import java.util.Optional;

/**
 * What the agent tells whoever watches it (metrics, notifications, commit statuses) as it happens: a tenant's pass
 * about to apply changes, a tenant's pass recorded, a fetch of the
 * repository, a backup made or failed. A listener returns at once and never throws: it is
 * called on the thread that did the work, and what it does must not delay, block or fail that work.
 */
public interface AgentEvents {
    /** Nobody listens. */
    AgentEvents NONE = new AgentEvents() {
    };

    /** A tenant's pass at {@code revision} has planned {@code changes} changes and is about to apply them. */
    default void applying(String tenant, String node, String revision, int changes) {
    }

    /** A tenant's pass ended and was recorded (a held revision is not recorded again every interval). */
    default void passEnded(PassRecord pass) {
    }

    /** The repository was fetched for a round, in {@code took}; {@code error} says why it could not be, when it could not. */
    default void fetched(Duration took, Optional<String> error) {
    }

    /** A backup of a tenant ended, made or failed. */
    default void backupEnded(BackupEvent backup) {
    }
}
