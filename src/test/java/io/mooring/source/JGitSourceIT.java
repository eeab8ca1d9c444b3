package io.mooring.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.InvalidConfigException;
import io.mooring.source.jgit.JGitSource;
import io.mooring.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Git source against real repositories on disk, addressed as a path and as a file:// URL. */
class JGitSourceIT {
    @TempDir
    Path tmp;

    private static String text(Checkout checkout, String path) {
        return new String(checkout.tree().read(path).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheHeadAndFollowsNewCommits() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("config"));
             GitSource source = new JGitSource(repo.dir().toUri().toString(), tmp.resolve("home"))) {
            String first = repo.write("instances/acme/inventory.yml", "v: 1\n").commit("first");
            Checkout one = source.checkout(null);
            assertThat(one.revision().commit()).isEqualTo(first);
            assertThat(one.revision().subject()).isEqualTo("first");
            assertThat(text(one, "instances/acme/inventory.yml")).isEqualTo("v: 1\n");

            String second = repo.write("instances/acme/inventory.yml", "v: 2\n").write("instances/globex/inventory.yml", "")
                    .commit("second");
            Checkout two = source.checkout(null);
            assertThat(two.revision().commit()).isEqualTo(second);
            assertThat(text(two, "instances/acme/inventory.yml")).isEqualTo("v: 2\n");
            assertThat(two.tree().folders("instances")).containsExactly("acme", "globex");
            assertThat(source.checkout("HEAD~1").revision().commit()).isEqualTo(first);
            assertThat(source.checkout(first.substring(0, 10)).revision().commit()).isEqualTo(first);
            assertThat(text(one, "instances/acme/inventory.yml")).as("a checkout keeps reading its own revision").isEqualTo("v: 1\n");
        }
    }

    @Test
    void aMissingRevisionOrRepositoryIsASourceError() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("config"));
             GitSource source = new JGitSource(repo.dir().toString(), tmp.resolve("home"))) {
            repo.write("a.txt", "a").commit("only");
            assertThatThrownBy(() -> source.checkout("no-such-branch")).isInstanceOf(SourceException.class)
                    .hasMessageContaining("revision 'no-such-branch' not found");
            assertThatThrownBy(() -> source.checkout("main^{")).isInstanceOf(SourceException.class)
                    .hasMessageContaining("'main^{' is not a usable revision");
        }
        try (GitSource missing = new JGitSource(tmp.resolve("nowhere").toString(), tmp.resolve("home"))) {
            assertThatThrownBy(() -> missing.checkout(null)).isInstanceOf(SourceException.class).hasMessageContaining("cannot clone").hasMessageContaining("no Git repository answers at that address");
        }
    }

    @Test
    void aSymbolicLinkIsRefusedNotFollowed() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("config"));
             GitSource source = new JGitSource(repo.dir().toString(), tmp.resolve("home"))) {
            repo.write("instances/acme/placeholder", "");
            Files.createSymbolicLink(repo.dir().resolve("instances/acme/inventory.yml"), Path.of("/etc/passwd"));
            repo.commit("symlink");
            Checkout checkout = source.checkout(null);
            assertThatThrownBy(() -> checkout.tree().read("instances/acme/inventory.yml"))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("symbolic link");
        }
    }

    @Test
    void credentialsInTheAddressAreNeverShown() {
        assertThat(RepoUri.redact("https://oauth2:s3cret@git.example.com/ops/config.git"))
                .isEqualTo("https://***@git.example.com/ops/config.git");
        assertThat(RepoUri.redact("git@github.com:ops/config.git")).isEqualTo("git@github.com:ops/config.git");
        assertThat(RepoUri.redact("/srv/config")).isEqualTo("/srv/config");
        assertThat(RepoUri.redact("Invalid remote: https://ghp_token123@github.com/ops/config.git: not found"))
                .isEqualTo("Invalid remote: https://***@github.com/ops/config.git: not found");
    }
}
