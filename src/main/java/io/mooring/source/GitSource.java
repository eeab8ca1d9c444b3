package io.mooring.source;

/** Where desired state comes from: a Git repository, fetched and read at a revision. */
public interface GitSource extends AutoCloseable {
    /**
     * Fetches from the remote and returns the files at {@code ref} (a branch, tag, commit id or
     * expression such as {@code HEAD~1}); null means the remote's default branch.
     */
    Checkout checkout(String ref);

    /**
     * The files at a commit already fetched (a full id from an earlier checkout), read without fetching; empty when this
     * source does not hold it (any more) or cannot read without fetching.
     */
    default java.util.Optional<io.mooring.model.ConfigTree> fetched(String commit) {
        return java.util.Optional.empty();
    }

    /**
     * Whether the commit (a full id from a checkout) is signed by a key the policy allows. An answer, not an
     * exception, for unsigned or wrongly signed commits; a key file that cannot be read is a {@link SourceException}.
     */
    CommitSignature signature(String commit, SignaturePolicy policy);

    @Override
    void close();
}
