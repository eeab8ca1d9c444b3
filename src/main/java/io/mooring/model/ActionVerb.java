package io.mooring.model;

/** What a pass does to a component, as plans, history and the HTTP API spell it. */
public enum ActionVerb {
    CREATE("create"),
    REPLACE("replace"),
    /** A Swarm service given a new spec in place: Swarm rolls its tasks over by the service's update policy. */
    UPDATE("update"),
    REMOVE("remove"),
    /** Drift the tenant's self-heal policy says to show, not to put right. */
    DRIFT("drift"),
    KEEP("keep");

    private final String word;

    ActionVerb(String word) {
        this.word = word;
    }

    /** The word as printed and stored. */
    public String word() {
        return word;
    }

    /** The verb a stored word names; a word no version of Mooring wrote is an error, not a guess. */
    public static ActionVerb of(String word) {
        for (ActionVerb verb : values()) {
            if (verb.word.equals(word)) {
                return verb;
            }
        }
        throw new IllegalArgumentException("unknown action verb '" + word + "'");
    }

    @Override
    public String toString() {
        return word;
    }
}
