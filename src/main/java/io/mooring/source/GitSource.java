package io.mooring.source;

/** Where desired state comes from: a Git repository, fetched and read at a revision. */
public interface GitSource extends AutoCloseable {
    /**
     * Fetches from the remote and returns the files at {@code ref} (a branch, tag, commit id or
     * expression such as {@code HEAD~1}); null means the remote's default branch.
     */
    Checkout checkout(String ref);

    @Override
    void close();
}
