package io.mooring.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is broken now, by tenant, node and condition, so that one message goes out when something breaks and one when
 * it recovers, not one each time it is seen: a condition seen broken again in the same way says nothing, one broken
 * another way (a failed pass then a refused revision) says so, and a recovery is told only of what was broken.
 */
public final class Conditions {
    /** Where a condition applies: {@code tenant} empty for the node's own ({@code node-down}, {@code loop-stalled}). */
    public record Key(String tenant, String node, String condition) {
    }

    private final Map<Key, Notice> broken = new HashMap<>();

    /** {@code notice} when it is news for {@code key}: nothing was broken there, or something else. */
    public synchronized Optional<Notice> broke(Key key, Notice notice) {
        Notice before = broken.put(key, notice);
        return before != null && before.event() == notice.event() ? Optional.empty() : Optional.of(notice);
    }

    /** The recovery of what was broken at {@code key}, when something was; then nothing is broken there. */
    public synchronized Optional<Notice> fine(Key key, String revision, String status, String message, java.time.Instant at) {
        return Optional.ofNullable(broken.remove(key)).map(before -> before.recovery(revision, status, message, at));
    }

    /** The keys of {@code condition} broken now. */
    public synchronized List<Key> brokenOf(String condition) {
        return broken.keySet().stream().filter(k -> k.condition().equals(condition)).toList();
    }
}
