package io.mooring.commitstatus;

import java.util.regex.Pattern;

/**
 * One status to post: on commit {@code sha}, under {@code context} ({@code mooring/<tenant>@<node>}), its state and a
 * short description, made safe to send: one line, at most {@link #MAX_DESCRIPTION} characters.
 */
public record CommitStatus(String tenant, String sha, String context, StatusState state, String description) {
    /** GitHub's bound on a status's description; the other hosts take it too. */
    public static final int MAX_DESCRIPTION = 140;
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

    public CommitStatus {
        description = shortened(description);
    }

    /** The status of {@code tenant} on {@code node} at commit {@code sha}. */
    public static CommitStatus of(String tenant, String node, String sha, StatusState state, String description) {
        return new CommitStatus(tenant, sha, context(tenant, node), state, description);
    }

    /** The context a tenant's statuses on a node are posted under: one line per tenant and node on the commit. */
    public static String context(String tenant, String node) {
        return "mooring/" + tenant + "@" + node;
    }

    /** Whether {@code revision} names a commit a Git host knows (a full SHA-1 or SHA-256 id). */
    public static boolean isCommit(String revision) {
        return revision != null && SHA.matcher(revision).matches();
    }

    /** {@code text} on one line, cut to {@link #MAX_DESCRIPTION} characters with an ellipsis, never within a character. */
    static String shortened(String text) {
        String line = CONTROL.matcher(text == null ? "" : text).replaceAll(" ").strip();
        if (line.codePointCount(0, line.length()) <= MAX_DESCRIPTION) {
            return line;
        }
        int end = line.offsetByCodePoints(0, MAX_DESCRIPTION - 1);
        return line.substring(0, end).stripTrailing() + "…";
    }
}
