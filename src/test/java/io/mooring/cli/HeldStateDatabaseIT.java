package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} and {@code plan} on a home whose state database another process holds (as the running agent holds it),
 * run as a host runs them: one line that says so and what to do, no trace of the database's or its pool's, nothing
 * planned or changed, and the database as it was.
 */
class HeldStateDatabaseIT {
    @Test
    void applyAndPlanSayTheDatabaseIsHeldAndChangeNothing(@TempDir Path tmp) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            repo.write("components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n");
            repo.write("instances/held-1/inventory.yml", "all:\n  hosts:\n    node-held: {}\n");
            repo.commit("one tenant");
            try (StateHolder holder = new StateHolder(home)) {
                byte[] before = Files.readAllBytes(home.resolve("state.mv.db"));
                for (String verb : new String[] {"apply", "plan"}) {
                    MooringCli.Result result = MooringCli.run(verb, "--repo", repo.dir().toString(), "--tenant", "held-1", "--node",
                            "node-held", "--home", home.toString());
                    assertThat(result.exitCode()).as("%s: %s", verb, result).isNotZero();
                    assertThat(result.stderr()).as(verb).contains("mooring: the state database under " + home
                            + " is held by another process").contains("systemctl stop mooring").doesNotContain("Exception")
                            .doesNotContain("SEVERE");
                    // besides it, at most the warning that the holder's files were readable by others (and now are not), and
                    // that another test's apply held the engine for a moment
                    assertThat(result.stderr().strip().lines().filter(line -> !line.contains("WARN io.mooring.wiring.PrivateFolders")
                            && !line.startsWith("mooring: waiting for another Mooring on this engine")))
                            .as(verb).hasSize(1);
                    assertThat(result.stdout()).as(verb).isEmpty();
                }
                assertThat(Files.readAllBytes(home.resolve("state.mv.db"))).isEqualTo(before);
            }
        }
        assertThat(TestDocker.cli("ps", "-aq", "--filter", "name=^held-1-")).isBlank();
    }
}
