package io.mooring.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's state as the engine's list call gives it, with the exit code of an exited container: {@code exited (0)}.
 * The list call has no field for the code; its status text has ("Exited (0) 2 minutes ago"), the same in every engine
 * version since 1.x. A component that runs once has completed when it exited with 0.
 */
public final class ListedState {
    private static final Pattern EXITED = Pattern.compile("Exited \\((-?[0-9]{1,4})\\)");

    private ListedState() {
    }

    /** {@code state} as listed, with the code when it is {@code exited} and the status text gives it. */
    public static String of(String state, String status) {
        String listed = state == null || state.isEmpty() ? "unknown" : state;
        Matcher exited = EXITED.matcher(status == null ? "" : status);
        return "exited".equals(listed) && exited.lookingAt() ? listed + " (" + exited.group(1) + ")" : listed;
    }
}
