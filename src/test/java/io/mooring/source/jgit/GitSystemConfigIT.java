package io.mooring.source.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.TestRepo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSystemConfigIT {
    @Test
    void gitsOwnVariableNamesTheFileElseTheDistributionsPlace() {
        assertThat(GitSystemConfig.file(null)).isEqualTo(new File("/etc/gitconfig"));
        assertThat(GitSystemConfig.file(" ")).isEqualTo(new File("/etc/gitconfig"));
        assertThat(GitSystemConfig.file("/srv/git/system.config")).isEqualTo(new File("/srv/git/system.config"));
    }

    /** A process of its own, whose PATH finds a {@code git} that only leaves a mark: opening a repository must not run it. */
    @Test
    void openingARepositoryRunsNoGitProgram(@TempDir Path dir) throws Exception {
        try (TestRepo repo = new TestRepo(dir.resolve("repo"))) {
            repo.write("components.yml", "services: {}\n").commit("one");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mark = dir.resolve("git-ran");
        Files.writeString(bin.resolve("git"), "#!/bin/sh\necho \"$@\" >> " + mark + "\nexec /usr/bin/git \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("git"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OpensARepository.class.getName(), dir.resolve("repo").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        child.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        Process process = child.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        assertThat(Files.readString(dir.resolve("child.log"))).contains("services: {}");
        assertThat(mark).as("git was run by JGit").doesNotExist();
    }

    /** Reads the head of the repository named by its argument, as {@code mooring plan} and the agent read theirs. */
    public static final class OpensARepository {
        public static void main(String[] args) {
            try (JGitSource source = JGitSource.local(Path.of(args[0]))) {
                System.out.println(new String(source.checkout("HEAD").tree().read("components.yml").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
