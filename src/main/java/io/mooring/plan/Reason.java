package io.mooring.plan;

/** Why an action is planned, in words an operator can check against the commit. */
public record Reason(Code code, String detail) {
    public enum Code {
        MISSING("missing"),
        TAG_CHANGED("tag changed"),
        IMAGE_CHANGED("image changed"),
        SPEC_CHANGED("spec changed"),
        DRIFTED("drifted"),
        NOT_DESIRED("no longer desired"),
        DUPLICATE("duplicate"),
        UP_TO_DATE("up to date");

        private final String words;

        Code(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public static Reason of(Code code) {
        return new Reason(code, "");
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? code.words() : code.words() + ": " + detail;
    }
}
