package io.mooring.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the agent notifies, by the name a target's {@code events:} list gives it. Each but {@link #BACKUP_SUCCEEDED} is a
 * condition that breaks and recovers: its recovery is sent as {@code recovered}, routed by the name of what recovered.
 */
public enum Event {
    PASS_FAILED("pass-failed", "pass failed"),
    ROLLED_BACK("rolled-back", "rolled back"),
    REFUSED("refused", "revision refused"),
    DRIFT("drift", "drift"),
    BACKUP_FAILED("backup-failed", "backup failed"),
    /** Sent to a target only when its {@code events:} list names it. */
    BACKUP_SUCCEEDED("backup-succeeded", "backup made"),
    CERTIFICATE_EXPIRING("certificate-expiring", "certificate expiring"),
    NODE_DOWN("node-down", "node down"),
    LOOP_STALLED("loop-stalled", "reconcile loop stalled");

    /** The name a recovery is sent under. */
    public static final String RECOVERED = "recovered";

    private final String word;
    private final String words;

    Event(String word, String words) {
        this.word = word;
        this.words = words;
    }

    /** The name as configured and sent ({@code rolled-back}). */
    public String word() {
        return word;
    }

    /** The name in a message's text ({@code rolled back}). */
    public String words() {
        return words;
    }

    /** Whether a target without an {@code events:} list gets it. */
    public boolean byDefault() {
        return this != BACKUP_SUCCEEDED;
    }

    public static Optional<Event> of(String word) {
        return Arrays.stream(values()).filter(e -> e.word.equals(word)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Event::word).toList();
    }
}
