package io.mooring.source.jgit;

import java.io.File;
import org.eclipse.jgit.util.FS;

/**
 * Where JGit reads git's system configuration: {@code $GIT_CONFIG_SYSTEM}, as git reads it, else {@code /etc/gitconfig},
 * where the distributions' git keeps it. Left to itself, JGit asks the {@code git} program (two processes, {@code git
 * --version} and {@code git config --system --show-origin}) the first time a repository is opened: some 50 ms of every
 * command and of the agent's start. {@code GIT_CONFIG_NOSYSTEM} still turns the file off, as JGit honours it.
 */
final class GitSystemConfig {
    static final String ENV = "GIT_CONFIG_SYSTEM";
    static final String DEFAULT = "/etc/gitconfig";

    private GitSystemConfig() {
    }

    /** Before the first repository is opened (each JGit adapter's class does it as it loads; once more is the same). */
    static void locate() {
        FS.DETECTED.setGitSystemConfig(file(System.getenv(ENV)));
    }

    /** The file named by {@code gitConfigSystem} (the environment variable's value, null when unset), else the default. */
    static File file(String gitConfigSystem) {
        return new File(gitConfigSystem == null || gitConfigSystem.isBlank() ? DEFAULT : gitConfigSystem);
    }
}
