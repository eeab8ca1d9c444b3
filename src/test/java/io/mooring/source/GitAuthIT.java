package io.mooring.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.source.jgit.JGitSource;
import io.mooring.testing.GitHttpServer;
import io.mooring.testing.GitSshServer;
import io.mooring.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's Git source against real servers started here: smart HTTP behind Basic authentication (a
 * token, a user and password) and SSH with a key and a checked host key. Shallow mirrors follow new
 * commits; refused credentials are said so, and never printed.
 */
class GitAuthIT {
    private static final String TOKEN = "glpat-4cDu9zT1mooringTokenValue";
    private static final String PASSWORD = "correct-horse-battery";

    private Path tmp;
    private TestRepo repo;
    private Git served;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        repo = new TestRepo(tmp.resolve("config"));
        repo.write("instances/acme/inventory.yml", "all:\n  hosts:\n    node-a: {}\n");
        repo.commit("acme");
        served = Git.open(repo.dir().toFile());
    }

    @AfterEach
    void tearDown() {
        served.close();
        repo.close();
    }

    private Repository repository() {
        return served.getRepository();
    }

    private JGitSource source(String url, GitCredentials credentials) {
        return source(url, credentials, tmp.resolve("home-" + System.nanoTime()));
    }

    private static JGitSource source(String url, GitCredentials credentials, Path home) {
        return new JGitSource(url, home, credentials, 1);
    }

    @Test
    void httpsWithATokenFollowsNewCommitsInAShallowMirror() throws Exception {
        Path home = tmp.resolve("home");
        try (GitHttpServer server = new GitHttpServer(repository(), Map.of("mooring", TOKEN));
             JGitSource source = source(server.url(), new GitCredentials(null, TOKEN, null, null), home)) {
            String first = source.checkout(null).revision().commit();
            assertThat(first).isEqualTo(repository().resolve("HEAD").getName());
            repo.write("instances/acme/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {x: 1}\n");
            String second = repo.commit("acme: x");
            assertThat(source.checkout(null).revision().commit()).isEqualTo(second);
            assertThat(source.checkout(null).revision().commit()).as("nothing moved: the ref check answers").isEqualTo(second);
            try (var files = Files.walk(home)) {
                assertThat(files.anyMatch(p -> p.getFileName().toString().equals("shallow"))).as("a shallow mirror").isTrue();
            }
        }
    }

    @Test
    void httpsWithAUserAndPasswordAndTheRefusalsSayWhyWithoutTheSecret() throws Exception {
        try (GitHttpServer server = new GitHttpServer(repository(), Map.of("alice", PASSWORD))) {
            try (JGitSource source = source(server.url(), new GitCredentials("alice", PASSWORD, null, null))) {
                assertThat(source.checkout(null).revision().subject()).isEqualTo("acme");
            }
            try (JGitSource wrong = source(server.url(), new GitCredentials("alice", "not-" + PASSWORD, null, null))) {
                assertThatThrownBy(() -> wrong.checkout(null)).isInstanceOf(SourceException.class)
                        .hasMessageContaining("not authorized").hasMessageContaining("git.username")
                        .hasMessageNotContaining(PASSWORD);
            }
            try (JGitSource none = source(server.url(), GitCredentials.NONE)) {
                assertThatThrownBy(() -> none.checkout(null)).isInstanceOf(SourceException.class)
                        .hasMessageContaining("needs credentials").hasMessageContaining("git.passwordFile");
            }
        }
    }

    @Test
    void sshWithAKeyAndAKnownHost() throws Exception {
        Path hostKey = GitSshServer.keyPair(tmp.resolve("host_key"));
        Path clientKey = GitSshServer.keyPair(tmp.resolve("client_key"));
        Path otherKey = GitSshServer.keyPair(tmp.resolve("other_key"));
        try (GitSshServer server = new GitSshServer(repository(), hostKey, Path.of(clientKey + ".pub"))) {
            Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine());
            try (JGitSource source = source(server.url(), new GitCredentials(null, null, clientKey, knownHosts))) {
                assertThat(source.checkout(null).revision().subject()).isEqualTo("acme");
                repo.write("instances/acme/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {y: 2}\n");
                String next = repo.commit("acme: y");
                assertThat(source.checkout(null).revision().commit()).isEqualTo(next);
            }
            String impostor = server.knownHostsLine().replaceFirst("ssh-ed25519 \\S+",
                    Files.readString(Path.of(otherKey + ".pub")).strip().replaceFirst(" mooring-test$", ""));
            Path wrongHosts = Files.writeString(tmp.resolve("known_hosts_wrong"), impostor);
            try (JGitSource source = source(server.url(), new GitCredentials(null, null, clientKey, wrongHosts))) {
                assertThatThrownBy(() -> source.checkout(null)).isInstanceOf(SourceException.class)
                        .hasMessageContaining("host key").hasMessageContaining(wrongHosts.toString());
            }
            try (JGitSource source = source(server.url(), new GitCredentials(null, null, otherKey, knownHosts))) {
                assertThatThrownBy(() -> source.checkout(null)).isInstanceOf(SourceException.class)
                        .hasMessageContaining("refused the key");
            }
            assertThatThrownBy(() -> source(server.url(), new GitCredentials(null, null, clientKey, null)))
                    .isInstanceOf(SourceException.class).hasMessageContaining("known_hosts");
        }
    }
}
