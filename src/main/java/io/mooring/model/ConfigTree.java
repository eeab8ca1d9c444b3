package io.mooring.model;

import java.util.List;
import java.util.Optional;

/** Read-only view of a config repository at one revision; paths are relative and use '/'. */
public interface ConfigTree {
    /** No config file may be larger: a commit cannot make the agent load an unbounded blob. */
    int MAX_FILE_BYTES = 1 << 20;

    /** The file's bytes, or empty when there is no regular file at that path; an oversize file is an error. */
    Optional<byte[]> read(String path);

    /** The names of the folders directly under {@code dir}, sorted; empty when it is not a folder. */
    List<String> folders(String dir);

    /** True when {@code path} is a folder (a link to one is not). */
    boolean isFolder(String path);

    /** The names of the symbolic links directly in {@code dir}, sorted: config never follows them. */
    List<String> links(String dir);

    /**
     * An id of what the files and folders at {@code paths} ("" for the root) hold, which changes whenever
     * any of them changes (from Git's object ids); empty when this tree cannot tell, and then it may have.
     */
    default Optional<String> fingerprint(List<String> paths) {
        return Optional.empty();
    }
}
