package io.mooring.apply;

/**
 * Fault injection for crash tests: with {@code MOORING_CRASH_AFTER=<point>} in its environment, the
 * process halts at once, as {@code kill -9} would, right after the named step (no finally blocks, no
 * shutdown hooks). Unset, as in every real deployment, it does nothing.
 */
final class Faults {
    private static final String POINT = System.getenv("MOORING_CRASH_AFTER");

    private Faults() {
    }

    static void after(String point) {
        if (point.equals(POINT)) {
            System.err.println("mooring: crash test: halting after " + point);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
