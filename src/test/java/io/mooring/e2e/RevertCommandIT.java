package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollback by revert, end to end: a change is applied, {@code mooring revert} commits (and pushes) the
 * revert of the tenant's last change, and the next apply serves the previous version again with its data.
 */
class RevertCommandIT {
    private TenantFixture it;
    private Path tmp;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        it = new TenantFixture(tmp);
        it.repo.write("components.yml", it.webComponents());
        it.repo.write("instances/" + it.tenant + "/inventory.yml", inventory("1.0"));
        it.repo.write("instances/other/inventory.yml", inventory("2.0"));
        it.repo.commit("web 1.0");
    }

    @AfterEach
    void tearDown() throws Exception {
        it.close();
    }

    private static String inventory(String version) {
        return "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n";
    }

    private String file(Path repo, String path) throws Exception {
        return Files.readString(repo.resolve(path));
    }

    @Test
    void aRevertedChangeIsServedNoMoreAndOtherTenantsKeepTheirs() throws Exception {
        assertThat(it.apply().exitCode()).isZero();
        it.repo.write("instances/" + it.tenant + "/inventory.yml", inventory("1.1"));
        it.repo.write("instances/" + it.tenant + "/notes.txt", "added by the change\n");
        it.repo.write("instances/other/inventory.yml", inventory("2.1"));
        String change = it.repo.commit("web 1.1 for both");
        assertThat(it.apply().exitCode()).isZero();
        assertThat(it.page("/")).isEqualTo("web 1.1");

        MooringCli.Result revert = MooringCli.run("revert", "--repo", it.repo.dir().toString(), "--tenant", it.tenant);
        assertThat(revert.exitCode()).as(revert.toString()).isZero();
        assertThat(revert.stdout()).contains("reverted " + change.substring(0, 12) + " (web 1.1 for both) for tenant " + it.tenant)
                .contains("not pushed yet");
        assertThat(file(it.repo.dir(), "instances/" + it.tenant + "/inventory.yml")).isEqualTo(inventory("1.0"));
        assertThat(it.repo.dir().resolve("instances/" + it.tenant + "/notes.txt")).as("what the change added goes").doesNotExist();
        assertThat(file(it.repo.dir(), "instances/other/inventory.yml")).as("another tenant's part of the change stays").isEqualTo(inventory("2.1"));
        try (Git git = Git.open(it.repo.dir().toFile())) {
            assertThat(git.status().call().isClean()).as("the working copy is committed").isTrue();
            assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage())
                    .startsWith("Revert \"web 1.1 for both\" for tenant " + it.tenant).contains(change);
        }

        MooringCli.Result applied = it.apply();
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).contains("replace  web: tag changed: 1.1 → 1.0");
        assertThat(it.page("/")).isEqualTo("web 1.0");
        assertThat(it.page("/boots")).as("the volume kept every boot").isEqualTo("1.0\n1.1\n1.0");
    }

    @Test
    void aRemoteRepositoryIsRevertedThroughAPush() throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", inventory("1.1"));
        it.repo.commit("web 1.1");
        Path bare = tmp.resolve("remote.git");
        Git.cloneRepository().setURI(it.repo.dir().toString()).setDirectory(bare.toFile()).setBare(true).call().close();

        MooringCli.Result unpushed = MooringCli.run("revert", "--repo", bare.toString(), "--tenant", it.tenant);
        assertThat(unpushed.exitCode()).isEqualTo(1);
        assertThat(unpushed.stderr()).contains("is not a working copy here: add --push");

        MooringCli.Result pushed = MooringCli.run("revert", "--repo", bare.toString(), "--tenant", it.tenant, "--push");
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        assertThat(pushed.stdout()).contains(", pushed");
        Path check = tmp.resolve("check");
        try (Git git = Git.cloneRepository().setURI(bare.toString()).setDirectory(check.toFile()).call()) {
            assertThat(file(check, "instances/" + it.tenant + "/inventory.yml")).isEqualTo(inventory("1.0"));
        }
    }

    @Test
    void uncommittedChangesAreNotOverwrittenNorCommittedWithTheRevert() throws Exception {
        assertThat(MooringCli.run("revert", "--repo", it.repo.dir().toString(), "--tenant", "Bad Name").exitCode()).isEqualTo(2);
        MooringCli.Result none = MooringCli.run("revert", "--repo", it.repo.dir().toString(), "--tenant", "nobody");
        assertThat(none.stderr()).contains("no commit on this branch changed instances/nobody/");

        it.repo.write("instances/" + it.tenant + "/inventory.yml", inventory("9.9"));
        MooringCli.Result refused = MooringCli.run("revert", "--repo", it.repo.dir().toString(), "--tenant", it.tenant);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("has uncommitted changes (instances/" + it.tenant + "/inventory.yml)")
                .contains("commit or discard them first");
        assertThat(file(it.repo.dir(), "instances/" + it.tenant + "/inventory.yml")).isEqualTo(inventory("9.9"));
    }
}
