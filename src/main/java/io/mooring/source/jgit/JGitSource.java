package io.mooring.source.jgit;

import io.mooring.model.ConfigTree;
import io.mooring.model.Revision;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.source.RepoUri;
import io.mooring.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import io.mooring.source.CommitSignature;
import io.mooring.source.GitCredentials;
import io.mooring.source.SignaturePolicy;
import org.eclipse.jgit.lib.Ref;
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
 * mirrors branches and tags; files are read from the commit's tree, never from a working copy. Before a
 * fetch, the remote's refs are asked for (one round trip, nothing downloaded): when they are the mirror's
 * own, there is nothing to fetch. With a depth, clones and fetches are shallow.
 */
public final class JGitSource implements GitSource {
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

    static {
        GitSystemConfig.locate();
    }

    private final String uri;
    private final Path mirror;
    private final boolean mirrored;
    private final GitTransport transport;
    private final int depth;
    private Git git;

    public JGitSource(String uri, Path cacheDir) {
        this(uri, cacheDir, GitCredentials.NONE, 0);
    }

    /** {@code depth}: how many commits of history a clone or fetch brings (0: all). */
    public JGitSource(String uri, Path cacheDir, GitCredentials credentials, int depth) {
        this.uri = uri;
        // Keyed by the address without credentials: a rotated token keeps the same mirror.
        this.mirror = cacheDir.resolve("repos").resolve(key(RepoUri.redact(uri)) + ".git");
        this.mirrored = true;
        this.transport = new GitTransport(credentials);
        this.depth = depth;
    }

    private JGitSource(Path repository) {
        this.uri = repository.toString();
        this.mirror = repository;
        this.mirrored = false;
        this.transport = new GitTransport(GitCredentials.NONE);
        this.depth = 0;
    }

    /**
     * A repository on this machine read as it is, without a mirror or a fetch: every revision it knows can
     * be named (remote-tracking branches, commit ids), as a CI job reviewing a pull request needs.
     */
    public static JGitSource local(Path repository) {
        return new JGitSource(repository);
    }

    @Override
    public synchronized Checkout checkout(String ref) {
        boolean cloned = git == null && !Files.isDirectory(mirror);
        Git repo = open();
        if (!cloned && mirrored) {
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

    @Override
    public synchronized Optional<ConfigTree> fetched(String commit) {
        if (git == null || !ObjectId.isId(commit)) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            return Optional.of(new JGitTree(git.getRepository(), walk.parseCommit(ObjectId.fromString(commit)).getTree()));
        } catch (IOException e) {
            return Optional.empty(); // not fetched, or gone with a forced push and a garbage collection
        }
    }

    private ObjectId resolve(Git repo, String wanted) throws IOException {
        try {
            return repo.getRepository().resolve(wanted + "^{commit}");
        } catch (RevisionSyntaxException | AmbiguousObjectException e) {
            throw new SourceException("'" + wanted + "' is not a usable revision (a branch, tag, commit id or HEAD~n): " + reason(e), e);
        }
    }

    /** A library's message with any credentials in addresses hidden, and what to check when it is about them. */
    private String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("Invalid remote:")) {
            return "no Git repository answers at that address; check the path or URL and this host's access to it";
        }
        String hint = "";
        if (message.contains("not authorized")) {
            hint = " (the server refused the credentials: check git.username and the token or password in git.passwordFile)";
        } else if (message.contains("Authentication is required")) {
            hint = " (the server needs credentials: give git.username and git.passwordFile, or an SSH key)";
            message = "the server needs credentials";
        } else if (message.contains("Server key did not validate")) {
            hint = " (the server's host key is not the one in " + transport.knownHosts() + ": check it with ssh-keyscan over a trusted"
                    + " network before changing the file)";
        } else if (message.contains("Cannot log in") || message.contains("no keys to try")) {
            hint = " (the server refused the key " + transport.sshKey() + ": add its public key to the repository's deploy keys)";
        }
        return RepoUri.redact(message) + hint;
    }

    private Git open() {
        if (git != null) {
            return git;
        }
        try {
            if (!mirrored) {
                git = Git.open(mirror.toFile());
            } else if (Files.isDirectory(mirror)) {
                git = Git.open(mirror.toFile());
            } else {
                Files.createDirectories(mirror.getParent());
                Path partial = mirror.resolveSibling(mirror.getFileName() + ".partial");
                deleteRecursively(partial);
                var clone = transport.configure(Git.cloneRepository().setURI(uri).setDirectory(partial.toFile()).setBare(true));
                if (depth > 0) {
                    clone.setDepth(depth);
                }
                clone.call().close();
                if (!DetachedGc.awaitEnd(partial, DetachedGc.LONGEST)) {
                    throw new IOException("JGit's garbage collection of the new clone " + partial + " did not end within "
                            + DetachedGc.LONGEST.toMinutes() + " minutes");
                }
                Files.move(partial, mirror);
                git = Git.open(mirror.toFile());
            }
            return git;
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw new SourceException((mirrored ? "cannot clone " : "cannot open the Git repository at ") + RepoUri.redact(uri) + ": "
                    + reason(e), e);
        }
    }

    private void fetch(Git repo) {
        try {
            if (sameRefs(repo)) {
                return;
            }
            var fetch = transport.configure(repo.fetch().setRemote(uri).setRefSpecs(BRANCHES, TAGS).setRemoveDeletedRefs(true));
            if (depth > 0) {
                fetch.setDepth(depth);
            }
            fetch.call();
        } catch (GitAPIException | JGitInternalException | IOException e) {
            throw new SourceException("cannot fetch " + RepoUri.redact(uri) + ": " + reason(e), e);
        }
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
            git = null;
        }
        transport.close();
    }

    @Override
    public synchronized CommitSignature signature(String commit, SignaturePolicy policy) {
        Git repo = open();
        try (RevWalk walk = new RevWalk(repo.getRepository())) {
            return CommitSignatures.verify(repo.getRepository(), walk.parseCommit(ObjectId.fromString(commit)), policy);
        } catch (IOException | IllegalArgumentException e) {
            throw new SourceException("cannot read commit " + commit + " of " + RepoUri.redact(uri) + ": " + e.getMessage(), e);
        }
    }

    /** Whether the remote's branches and tags are exactly the mirror's: then a fetch would bring nothing. */
    private boolean sameRefs(Git repo) throws GitAPIException, IOException {
        Map<String, ObjectId> remote = LocalRefs.of(uri).orElse(null);
        if (remote == null) {
            remote = new HashMap<>();
            for (Ref ref : transport.configure(Git.lsRemoteRepository().setRemote(uri).setHeads(true).setTags(true)).call()) {
                remote.put(ref.getName(), ref.getObjectId());
            }
        }
        return remote.equals(LocalRefs.headsAndTags(repo.getRepository()));
    }

    private static String key(String uri) {
        return HexFormat.of().formatHex(io.mooring.model.Sha256.digest(uri.getBytes(StandardCharsets.UTF_8)), 0, 8);
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
