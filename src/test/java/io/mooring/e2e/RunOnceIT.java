package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.testing.CorpusStacks;
import io.mooring.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus's error tracker on the real engine: its migration (depends_on condition service_completed_successfully) runs
 * to completion before the web and worker start, is not run again while nothing changes, runs again with a new image,
 * and a migration that fails keeps the running version and its previous run.
 */
class RunOnceIT {
    private static final String STACK = "glitchtip";
    private CorpusStacks stacks;
    private Map<String, String> vars;

    @BeforeAll
    static void buildStandIns() throws Exception {
        CorpusStacks.buildStandIns("1", "2", "migrate-fails");
    }

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        stacks = new CorpusStacks(tmp, STACK);
        vars = Map.of("GLITCHTIP_PORT", String.valueOf(CorpusStacks.freePort()), "GLITCHTIP_SECRET_KEY", "k".repeat(50));
    }

    @AfterEach
    void tearDown() throws Exception {
        stacks.close();
    }

    private InspectContainerResponse inspect(String service) {
        return stacks.docker.inspect(stacks.tenant(STACK) + "-" + service);
    }

    private String migrationLog() throws Exception {
        return TestDocker.cli("logs", stacks.tenant(STACK) + "-migrate");
    }

    private PassRecord converged() {
        PassRecord pass = stacks.pass(STACK);
        assertThat(pass.status()).as(said(pass)).isEqualTo(PassStatus.CONVERGED);
        return pass;
    }

    /** The stack at {@code version}, but for the migration, whose stand-in fails with code 3. */
    private void commitWithFailingMigration(String version) throws Exception {
        stacks.commit(STACK, version, vars);
        String file = "instances/" + stacks.tenant(STACK) + "/components.yml";
        String text = Files.readString(stacks.rig.repo.dir().resolve(file));
        int migrate = text.indexOf("\n  migrate:");
        stacks.rig.repo.write(file, text.substring(0, migrate) + text.substring(migrate)
                .replace(CorpusStacks.STANDIN + ":" + version, CorpusStacks.STANDIN + ":migrate-fails"));
        stacks.rig.repo.commit("the migration fails");
    }

    @Test
    void aFirstMigrationThatFailsStartsNothingThatWaitsForItAndLeavesNoRunBehind() throws Exception {
        commitWithFailingMigration("1");
        PassRecord failed = stacks.pass(STACK);
        assertThat(failed.status()).as(said(failed)).isEqualTo(PassStatus.FAILED);
        assertThat(said(failed)).contains("it runs once and exited with code 3").contains("relation does not exist")
                .contains("removed " + stacks.tenant(STACK) + "-migrate");
        assertThat(stacks.docker.tenantContainers(stacks.tenant(STACK))).extracting(c -> c.getNames()[0].substring(1))
                .containsExactlyInAnyOrder(stacks.tenant(STACK) + "-postgres", stacks.tenant(STACK) + "-redis");
    }

    @Test
    void theMigrationCompletesBeforeWhatWaitsForItRunsOncePerChangeAndAFailedOneKeepsWhatRuns() throws Exception {
        stacks.commit(STACK, "1", vars);
        converged();
        InspectContainerResponse migrated = inspect("migrate");
        assertThat(migrated.getState().getStatus()).isEqualTo("exited");
        assertThat(migrated.getState().getExitCodeLong()).isZero();
        assertThat(migrated.getHostConfig().getRestartPolicy().getName()).isIn("no", "", null);
        assertThat(migrationLog()).isEqualTo("migrated to 1");
        Instant finished = Instant.parse(migrated.getState().getFinishedAt());
        for (String waiting : new String[] {"web", "worker"}) {
            assertThat(Instant.parse(inspect(waiting).getState().getStartedAt())).as(waiting + " started after the migration ended")
                    .isAfterOrEqualTo(finished);
            assertThat(stacks.version(STACK, waiting)).isEqualTo("standin 1");
        }

        PassRecord again = converged();
        assertThat(inspect("migrate").getId()).as("not run again: " + said(again)).isEqualTo(migrated.getId());
        assertThat(inspect("migrate").getState().getFinishedAt()).isEqualTo(migrated.getState().getFinishedAt());

        stacks.commit(STACK, "2", vars);
        PassRecord upgraded = converged();
        assertThat(said(upgraded)).contains("ran once, exited with code 0");
        assertThat(migrationLog()).isEqualTo("migrated to 2");
        assertThat(stacks.version(STACK, "web")).isEqualTo("standin 2");
        String secondRun = inspect("migrate").getId();
        String postgresStarted = inspect("postgres").getState().getStartedAt();

        commitWithFailingMigration("2");
        PassRecord failed = stacks.pass(STACK);
        assertThat(failed.status()).as(said(failed)).isEqualTo(PassStatus.FAILED);
        assertThat(said(failed)).contains("migrate").contains("exited with code 3").contains("relation does not exist");
        assertThat(stacks.version(STACK, "web")).as("what waits for the migration is not touched").isEqualTo("standin 2");
        assertThat(inspect("postgres").getState().getStartedAt()).as("nor anything else").isEqualTo(postgresStarted);
        assertThat(stacks.version(STACK, "worker")).isEqualTo("standin 2");
        assertThat(inspect("migrate").getId()).as("the previous run is kept, not run again").isEqualTo(secondRun);
        assertThat(inspect("migrate").getState().getStatus()).isEqualTo("exited");
        assertThat(migrationLog()).isEqualTo("migrated to 2");

        stacks.rig.repo.revertHead();
        converged();
        assertThat(inspect("migrate").getId()).isEqualTo(secondRun);
        assertThat(stacks.version(STACK, "web")).isEqualTo("standin 2");
    }
}
