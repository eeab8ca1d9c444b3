package io.mooring.source.jgit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * JGit's garbage collection after a fetch, which runs on a thread of its own ({@code gc.autoDetach}, on by default) and
 * holds {@code gc.log.lock} in the repository until it is done: a clone is moved into place only once it has ended,
 * or that thread would go on in a folder that is no longer there (JGit then logs an ERROR that it could not unlock
 * the lock file, and any pack it was writing is left half-written beside the mirror).
 */
final class DetachedGc {
    static final Duration LONGEST = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 20;

    private DetachedGc() {
    }

    /** Waits, at most {@code longest}, until no collection holds {@code repo}'s lock; true if none does. */
    static boolean awaitEnd(Path repo, Duration longest) throws IOException {
        Path lock = repo.resolve("gc.log.lock");
        long deadline = System.nanoTime() + longest.toNanos();
        while (Files.exists(lock)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while JGit's garbage collection of " + repo + " ran");
            }
        }
        return true;
    }
}
