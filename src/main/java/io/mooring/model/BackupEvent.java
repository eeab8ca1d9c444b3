package io.mooring.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one backup of a tenant ended: kept under {@code node}, made ({@code error} empty, {@code bytes} stored) or failed
 * (why), in {@code took}, ended at {@code at}.
 */
public record BackupEvent(String tenant, String node, Duration took, long bytes, Optional<String> error, Instant at) {
    public boolean succeeded() {
        return error.isEmpty();
    }
}
