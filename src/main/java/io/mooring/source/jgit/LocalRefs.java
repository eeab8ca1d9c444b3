package io.mooring.source.jgit;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * The branches and tags of a repository on this machine (a path or a {@code file:} address), read from it in place:
 * what {@code ls-remote} would list, without JGit's local transport, which serves it from a protocol thread of its own
 * (some 25 ms of a command's 30 ms check that its mirror is up to date).
 */
final class LocalRefs {
    private LocalRefs() {
    }

    /** The repository's heads and tags by name, or empty when the address is not a repository on this machine. */
    static Optional<Map<String, ObjectId>> of(String uri) throws IOException {
        Optional<File> gitDir = gitDir(uri);
        if (gitDir.isEmpty()) {
            return Optional.empty();
        }
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.get()).setMustExist(true).build()) {
            return Optional.of(headsAndTags(repository));
        }
    }

    /**
     * A repository's heads and tags by name, one prefix at a time: JGit lists several prefixes on a parallel stream,
     * whose thread pool a command would start for a few files.
     */
    static Map<String, ObjectId> headsAndTags(Repository repository) throws IOException {
        Map<String, ObjectId> refs = new HashMap<>();
        for (String prefix : new String[] {Constants.R_HEADS, Constants.R_TAGS}) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
                if (ref.getObjectId() != null) {
                    refs.put(ref.getName(), ref.getObjectId());
                }
            }
        }
        return refs;
    }

    private static Optional<File> gitDir(String uri) {
        try {
            URIish parsed = new URIish(uri);
            boolean local = parsed.getHost() == null && (parsed.getScheme() == null || parsed.getScheme().equals("file"));
            if (!local || parsed.getPath() == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(RepositoryCache.FileKey.resolve(new File(parsed.getPath()), FS.DETECTED));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
