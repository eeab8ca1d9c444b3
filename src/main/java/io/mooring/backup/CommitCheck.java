package io.mooring.backup;

import java.util.Optional;

/**
 * Asked right before a backup's manifest is written, the moment it becomes a backup: empty to write it, or why
 * not (a singleton backup whose leader lost its term). Refused, the run ends without a manifest and says why.
 */
@FunctionalInterface
public interface CommitCheck {
    CommitCheck ALWAYS = Optional::empty;

    Optional<String> refusal();
}
