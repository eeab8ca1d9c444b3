package io.mooring.source.jgit;

import io.mooring.source.GitCredentials;
import io.mooring.source.RepoUri;
import io.mooring.source.SourceException;
import io.mooring.source.TenantRevert;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * {@link TenantRevert} with JGit. A local working copy is changed in place (its tenant folder must be
 * clean) and its branch pushed to its upstream with {@code push}; any other address (a URL or a bare
 * repository) is cloned into a temporary folder, and the revert must be pushed, or it would be lost.
 */
public final class JGitTenantRevert implements TenantRevert {
    private static final String INSTANCES = "instances/";

    static {
        GitSystemConfig.locate();
    }

    private final String repo;
    private final GitCredentials credentials;

    public JGitTenantRevert(String repo, GitCredentials credentials) {
        this.repo = repo;
        this.credentials = credentials;
    }

    @Override
    public Result revert(String tenant, boolean push) {
        Path local = Path.of(repo);
        boolean workingCopy = !repo.contains("://") && Files.isDirectory(local.resolve(".git"));
        if (!workingCopy && !push) {
            throw new SourceException(RepoUri.redact(repo) + " is not a working copy here: add --push, or the revert would be lost");
        }
        Path clone = null;
        try (GitTransport transport = new GitTransport(credentials)) {
            if (!workingCopy) {
                clone = Files.createTempDirectory("mooring-revert");
            }
            try (Git git = workingCopy ? Git.open(local.toFile())
                    : transport.configure(Git.cloneRepository().setURI(repo).setDirectory(clone.toFile())).call()) {
                return revert(git, transport, tenant, push, workingCopy ? local.toString() : RepoUri.redact(repo));
            }
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw new SourceException("cannot revert tenant " + tenant + " in " + RepoUri.redact(repo) + ": " + RepoUri.redact(String.valueOf(e.getMessage())), e);
        } finally {
            if (clone != null) {
                deleteRecursively(clone);
            }
        }
    }

    private Result revert(Git git, GitTransport transport, String tenant, boolean push, String where) throws IOException, GitAPIException {
        String folder = INSTANCES + tenant;
        Repository repository = git.getRepository();
        // The revert's commit takes the whole index: nothing else may be staged or changed, in any folder.
        Status status = git.status().call();
        if (status.hasUncommittedChanges()) {
            throw new SourceException(where + " has uncommitted changes (" + String.join(", ", status.getUncommittedChanges())
                    + "): commit or discard them first");
        }
        RevCommit change = lastChange(repository, folder);
        String parent = change.getParentCount() == 0 ? null : change.getParent(0).getName();
        // Put the folder back as it was before the change: its files then, and none that the change added.
        git.rm().addFilepattern(folder).setCached(false).call();
        if (parent != null && hasPath(repository, parent, folder)) {
            git.checkout().setStartPoint(parent).addPath(folder).call();
        }
        RevCommit revert = git.commit().setMessage("Revert \"" + change.getShortMessage() + "\" for tenant " + tenant + "\n\n"
                + "This reverts the changes of commit " + change.getName() + " to " + folder + "/.\n").call();
        boolean pushed = false;
        if (push) {
            for (PushResult result : transport.configure(git.push()).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new SourceException("the revert " + revert.getName().substring(0, 12) + " was committed but the push of "
                                + update.getRemoteName() + " was refused (" + update.getStatus() + (update.getMessage() == null ? ""
                                : ": " + update.getMessage()) + "); pull, then run mooring revert again");
                    }
                }
            }
            pushed = true;
        }
        return new Result(change.getName(), change.getShortMessage(), revert.getName(), pushed, where);
    }

    /** The newest commit on the branch (first parents) that changed the folder. */
    private static RevCommit lastChange(Repository repository, String folder) throws IOException {
        ObjectId head = repository.resolve("HEAD");
        if (head == null) {
            throw new SourceException("the repository has no commits");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setFirstParent(true);
            walk.setRevFilter(RevFilter.ALL);
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                String before = commit.getParentCount() == 0 ? null : objectId(repository, commit.getParent(0).getName(), folder);
                String after = objectId(repository, commit.getName(), folder);
                if (!java.util.Objects.equals(before, after)) {
                    return commit;
                }
            }
        }
        throw new SourceException("no commit on this branch changed " + folder + "/: nothing to revert");
    }

    private static boolean hasPath(Repository repository, String commit, String path) throws IOException {
        return objectId(repository, commit, path) != null;
    }

    private static String objectId(Repository repository, String commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit parsed = walk.parseCommit(repository.resolve(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, parsed.getTree())) {
                return tree == null ? null : tree.getObjectId(0).getName();
            }
        }
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> paths = Files.walk(path)) {
            List<File> files = paths.sorted(Comparator.reverseOrder()).map(Path::toFile).toList();
            files.forEach(File::delete);
        } catch (IOException e) {
            // a temporary clone left behind is harmless
        }
    }
}
