package io.mooring.plan;

/** Why an action is planned, in words an operator can check against the commit. */
public record Reason(Code code, String detail) {
    public enum Code {
        MISSING("missing", Kind.CHANGE),
        TAG_CHANGED("tag changed", Kind.CHANGE),
        DIGEST_MOVED("digest moved", Kind.CHANGE),
        IMAGE_CHANGED("image changed", Kind.CHANGE),
        SPEC_CHANGED("spec changed", Kind.CHANGE),
        /** Only the tenant's certificate changed (renewed, or replaced in its folder): the detail says when the new one expires. */
        CERTIFICATE_RENEWED("certificate renewed", Kind.CHANGE),
        /** The container runs, as wanted, elsewhere than on its tenant's network (made before tenants had networks). */
        NETWORK("network", Kind.CHANGE),
        NOT_DESIRED("no longer desired", Kind.CHANGE),
        ADDED("added", Kind.CHANGE),
        REMOVED("removed", Kind.CHANGE),
        DRIFTED("drifted", Kind.DRIFT),
        /**
         * A Swarm service whose last update failed and that Swarm rolled back (or paused, or paused while rolling back), and
         * that runs what is declared: not set again silently; the detail is Swarm's message.
         */
        UPDATE_ROLLED_BACK("last update rolled back", Kind.NONE),
        UPDATE_PAUSED("last update paused", Kind.NONE),
        ROLLBACK_PAUSED("last update's rollback paused", Kind.NONE),
        DUPLICATE("duplicate", Kind.CLEANUP),
        LEFTOVER_JOB("leftover hook job", Kind.CLEANUP),
        UP_TO_DATE("up to date", Kind.NONE),
        UNCHANGED("unchanged", Kind.NONE);

        private final String words;
        private final Kind kind;

        Code(String words, Kind kind) {
            this.words = words;
            this.kind = kind;
        }

        public String words() {
            return words;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * What sets an action off, and so what governs it: a change comes from the revision (or the registry)
     * and waits for a maintenance window; drift is what someone did to the engine and follows the
     * tenant's self-heal policy; cleanup clears Mooring's own leftovers and is always done.
     */
    public enum Kind { CHANGE, DRIFT, CLEANUP, NONE }

    public static Reason of(Code code) {
        return new Reason(code, "");
    }

    public static Reason of(Code code, String detail) {
        return new Reason(code, detail);
    }

    public Kind kind() {
        return code.kind();
    }

    @Override
    public String toString() {
        if (code == Code.CERTIFICATE_RENEWED && !detail.isEmpty()) {
            return code.words() + " (" + detail + ")";
        }
        return detail.isEmpty() ? code.words() : code.words() + ": " + detail;
    }
}
