package io.mooring.source.jgit;

import io.mooring.model.Revision;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.source.RepoUri;
import io.mooring.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A bare mirror of the config repository in the agent's cache folder, one per address. Fetching
 * mirrors branches and tags; files are read from the commit's tree, never from a working copy.
 */
public final class JGitSource implements GitSource {
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

    private final String uri;
    private final Path mirror;
    private Git git;

    public JGitSource(String uri, Path cacheDir) {
        this.uri = uri;
        // Keyed by the address without credentials: a rotated token keeps the same mirror.
        this.mirror = cacheDir.resolve("repos").resolve(key(RepoUri.redact(uri)) + ".git");
    }

    @Override
    public synchronized Checkout checkout(String ref) {
        boolean cloned = git == null && !Files.isDirectory(mirror);
        Git repo = open();
        if (!cloned) {
            fetch(repo);
        }
        String wanted = ref == null || ref.isBlank() ? "HEAD" : ref;
        try (RevWalk walk = new RevWalk(repo.getRepository())) {
            ObjectId id = resolve(repo, wanted);
            if (id == null) {
                throw new SourceException("revision '" + wanted + "' not found in " + RepoUri.redact(uri));
            }
            RevCommit commit = walk.parseCommit(id);
            return new Checkout(new Revision(commit.getName(), commit.getShortMessage()),
                    new JGitTree(repo.getRepository(), commit.getTree()));
        } catch (IOException e) {
            throw new SourceException("cannot read revision '" + wanted + "' of " + RepoUri.redact(uri) + ": " + reason(e), e);
        }
    }

    private ObjectId resolve(Git repo, String wanted) throws IOException {
        try {
            return repo.getRepository().resolve(wanted + "^{commit}");
        } catch (RevisionSyntaxException | AmbiguousObjectException e) {
            throw new SourceException("'" + wanted + "' is not a usable revision (a branch, tag, commit id or HEAD~n): " + reason(e), e);
        }
    }

    /** A library's message with any credentials in addresses hidden. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("Invalid remote:")) {
            return "no Git repository answers at that address; check the path or URL and this host's access to it";
        }
        return RepoUri.redact(message);
    }

    private Git open() {
        if (git != null) {
            return git;
        }
        try {
            if (Files.isDirectory(mirror)) {
                git = Git.open(mirror.toFile());
            } else {
                Files.createDirectories(mirror.getParent());
                Path partial = mirror.resolveSibling(mirror.getFileName() + ".partial");
                deleteRecursively(partial);
                Git.cloneRepository().setURI(uri).setDirectory(partial.toFile()).setBare(true).call().close();
                Files.move(partial, mirror);
                git = Git.open(mirror.toFile());
            }
            return git;
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw new SourceException("cannot clone " + RepoUri.redact(uri) + ": " + reason(e), e);
        }
    }

    private void fetch(Git repo) {
        try {
            repo.fetch().setRemote(uri).setRefSpecs(BRANCHES, TAGS).setRemoveDeletedRefs(true).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new SourceException("cannot fetch " + RepoUri.redact(uri) + ": " + reason(e), e);
        }
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
            git = null;
        }
    }

    private static String key(String uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
