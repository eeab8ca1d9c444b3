package io.mooring.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository on disk that a test commits to, as an operator would. */
public final class TestRepo implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Test Operator", "ops@example.com");
    private final Path dir;
    private final Git git;

    public TestRepo(Path dir) throws GitAPIException {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    public Path dir() {
        return dir;
    }

    public TestRepo write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    public String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        // Files deleted on disk are deleted in the commit too.
        return git.commit().setAll(true).setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().getName();
    }

    /** {@code git revert HEAD}: the operator's rollback. */
    public String revertHead() throws Exception {
        RevCommit head = git.getRepository().parseCommit(git.getRepository().resolve("HEAD"));
        RevCommit revert = git.revert().include(head).setOurCommitName("HEAD").call();
        if (revert == null) {
            throw new IllegalStateException("revert of " + head.getName() + " did not apply cleanly");
        }
        return revert.getName();
    }

    /** {@code git revert <commit>}: the operator's rollback of one change. */
    public String revert(String commit) throws Exception {
        RevCommit change = git.getRepository().parseCommit(git.getRepository().resolve(commit));
        RevCommit revert = git.revert().include(change).setOurCommitName("HEAD").call();
        if (revert == null) {
            throw new IllegalStateException("revert of " + commit + " did not apply cleanly");
        }
        return revert.getName();
    }

    @Override
    public void close() {
        git.close();
    }
}
