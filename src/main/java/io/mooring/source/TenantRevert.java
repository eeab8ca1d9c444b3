package io.mooring.source;

/**
 * Undoes the last change of one tenant in the config repository, the way an operator rolls back: a new
 * commit that puts the tenant's folder back as it was before its newest change, then (if asked) a push.
 */
public interface TenantRevert {
    /** What was done: the change undone and the commit that undoes it. */
    record Result(String reverted, String revertedSubject, String commit, boolean pushed, String where) {
    }

    /**
     * Commits the revert of the newest commit on the current branch that changed {@code instances/<tenant>/},
     * and pushes it when {@code push}. Fails with a {@link SourceException} saying why when there is nothing
     * to revert, the tenant's files have local changes, or the push is refused.
     */
    Result revert(String tenant, boolean push);
}
