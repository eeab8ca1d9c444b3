package io.mooring.leader;

import java.util.Optional;

/** Asked right before singleton work commits: empty to go on, or why it may not (its term is gone). */
@FunctionalInterface
public interface Fence {
    Optional<String> refusal();
}
