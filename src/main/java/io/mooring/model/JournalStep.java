package io.mooring.model;

/**
 * The rollout step a component's journal entry says was about to be taken: what decides whether the next
 * pass finishes or undoes a killed rollout. Stored as a word ({@code hook-} followed by the hook's name for
 * a hook), so a word this version does not know is kept as {@link #UNKNOWN}, never taken for another step.
 */
public enum JournalStep {
    CREATING("creating"),
    CREATED("created"),
    /** A before or after hook is running; the entry's detail is the hook's name. */
    HOOK("hook-"),
    HEALTHY("healthy"),
    REMOVING("removing"),
    /** A stored word this version does not know (a newer version wrote it, or a person); the detail is that word. */
    UNKNOWN("");

    private final String word;

    JournalStep(String word) {
        this.word = word;
    }

    /** The step as stored, with its detail (a hook's name, or an unknown word as it was read). */
    public String stored(String detail) {
        return this == HOOK || this == UNKNOWN ? word + detail : word;
    }

    /** The step a stored word names. */
    public static JournalStep of(String stored) {
        for (JournalStep step : values()) {
            if (step != UNKNOWN && step != HOOK && step.word.equals(stored)) {
                return step;
            }
        }
        return stored.startsWith(HOOK.word) && stored.length() > HOOK.word.length() ? HOOK : UNKNOWN;
    }

    /** What a stored word says beyond its step: the hook's name for a hook, the whole word for an unknown one. */
    public String detailOf(String stored) {
        return this == HOOK ? stored.substring(word.length()) : this == UNKNOWN ? stored : "";
    }
}
