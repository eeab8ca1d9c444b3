package io.mooring.source.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JGit made ready beside a command's start: what it sets is what the adapter sets, and its thread ends. */
class JGitPreparationIT {
    @Test
    void preparingLocatesGitsSystemConfigurationAsTheAdapterDoes() {
        JGitPreparation.prepare();
        assertThat(FS.DETECTED.getGitSystemConfig()).isEqualTo(GitSystemConfig.file(System.getenv(GitSystemConfig.ENV)));
    }

    @Test
    void aRepositoryOpenedWhileThePreparationRunsIsReadAndThePreparationEnds(@TempDir Path dir) throws Exception {
        JGitPreparation.start();
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.commit().setMessage("first").setAllowEmpty(true).setSign(false).setAuthor("t", "t@localhost")
                    .setCommitter("t", "t@localhost").call();
            assertThat(git.getRepository().resolve("refs/heads/main")).isNotNull();
        }
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (preparing() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(preparing()).as("the preparation's thread has ended").isFalse();
    }

    private static boolean preparing() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mooring-git-prepare"));
    }
}
