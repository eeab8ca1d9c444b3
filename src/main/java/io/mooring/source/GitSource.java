package io.mooring.source;

/** Where desired state comes from: a Git repository, fetched and read at a revision. */
public interface GitSource extends AutoCloseable {
    /**
     * Fetches from the remote and returns the files at {@code ref} (a branch, tag, commit id or
     * expression such as {@code HEAD~1}); null means the remote's default branch.
     */
    Checkout checkout(String ref);

    /**
     * Whether the commit (a full id from a checkout) is signed by a key the policy allows. An answer, not an
     * exception, for unsigned or wrongly signed commits; a key file that cannot be read is a {@link SourceException}.
     */
    CommitSignature signature(String commit, SignaturePolicy policy);

    @Override
    void close();
}
