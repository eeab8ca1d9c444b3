package io.mooring.model;

import java.util.Objects;

/** A commit of the config repository. */
public record Revision(String commit, String subject) {
    public Revision {
        Objects.requireNonNull(commit, "commit");
        subject = subject == null ? "" : subject;
    }

    public String shortId() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
