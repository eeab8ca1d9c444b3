package io.mooring.backup;

/**
 * Fault injection for crash tests, as in a rollout: with {@code MOORING_CRASH_AFTER=<point>} in its
 * environment the process halts at once, as {@code kill -9} would, right after the named step of a backup.
 * Unset, as in every real deployment, it does nothing.
 */
public final class BackupFaults {
    private static final String POINT = System.getenv("MOORING_CRASH_AFTER");

    private BackupFaults() {
    }

    public static void after(String point) {
        if (point.equals(POINT)) {
            System.err.println("mooring: crash test: halting after " + point);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
