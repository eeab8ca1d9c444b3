package io.mooring.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.Engine;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import io.mooring.testing.TestDocker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recovery from a journal entry, on the real engine: what a killed pass left is finished, undone, or left for a person. */
class RecoverStepIT {
    private final String run = "rec-" + UUID.randomUUID().toString().substring(0, 6);
    private final String name = run + "-web";
    private final TestDocker docker = new TestDocker();
    private final DockerEngine engine = new DockerEngine("unix:///var/run/docker.sock");
    private final List<String> recorded = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();

    /** What the recovery tells the state store, in order. */
    private final RolloutRecorder recorder = new RolloutRecorder() {
        @Override
        public void step(String component, JournalStep step, String detail, String newId, String oldId) {
            recorded.add("step " + component);
        }

        @Override
        public void finished(String component) {
            recorded.add("finished " + component);
        }

        @Override
        public void deployed(DesiredContainer desired, String containerId, String digest) {
            recorded.add("deployed " + desired.component());
        }

        @Override
        public void removed(String component) {
            recorded.add("removed " + component);
        }
    };

    @AfterEach
    void tearDown() throws Exception {
        containers.forEach(docker::removeContainer);
        docker.close();
        engine.close();
    }

    private String container(String containerName) throws InterruptedException {
        String id = docker.runForeign(containerName, TestDocker.image("1.0"), Map.of("io.mooring.tenant", run, "io.mooring.component", "web"));
        containers.add(id);
        return id;
    }

    private StepResult recover(String storedStep, String newRef, String oldId) {
        JournalStep step = JournalStep.of(storedStep);
        JournalRecord entry = new JournalRecord(run, "n1", "web", name, step, step.detailOf(storedStep), newRef, oldId,
                "abc123", Instant.parse("2025-01-01T00:00:00Z"));
        return new RecoverStep(engine, recorder, entry).run();
    }

    @Test
    void anInterruptedRemovalIsFinishedAndTheComponentNoLongerRecordedAsDeployed() throws Exception {
        String old = container(name);

        StepResult result = recover("removing", "", old);

        assertThat(result.failed()).isFalse();
        assertThatThrownBy(() -> docker.inspect(old)).as("the container is gone").isNotNull();
        assertThat(recorded).containsExactly("removed web", "finished web");
    }

    @Test
    void aRolloutInterruptedInAHookIsUndoneAndItsHookNamed() throws Exception {
        String old = container(name + "-old-aside");
        engine.stop(old, new Engine.Owner(run, "web"));
        String fresh = container(name + "-new");

        StepResult result = recover("hook-migrate", fresh, old);

        assertThat(result.message()).startsWith("a pass was interrupted at 'hook-migrate'");
        assertThatThrownBy(() -> docker.inspect(fresh)).as("the unproven new container is gone").isNotNull();
        assertThat(docker.inspect(old).getState().getRunning()).as("the previous container runs again").isTrue();
        assertThat(docker.inspect(old).getName()).isEqualTo("/" + name);
        assertThat(recorded).containsExactly("finished web");
    }

    @Test
    void aRunOfAComponentThatRunsOnceIsNeitherCutShortNorStartedAgain() throws Exception {
        Map<String, String> runsOnce = Map.of("io.mooring.tenant", run, "io.mooring.component", "web", "io.mooring.run-once", "true");
        String previous = docker.runForeign(name + "-old-aside", TestDocker.image("1.0"), runsOnce);
        containers.add(previous);
        engine.stop(previous, new Engine.Owner(run, "web"));
        String underWay = docker.runForeign(name + "-new", TestDocker.image("1.0"), runsOnce);
        containers.add(underWay);

        StepResult waiting = recover("created", underWay, previous);
        assertThat(waiting.failed()).as(waiting.message()).isTrue();
        assertThat(waiting.message()).contains("runs once and still runs (running)").contains("the next pass looks again");
        assertThat(docker.inspect(underWay).getState().getRunning()).as("the run under way goes on").isTrue();

        engine.stop(underWay, new Engine.Owner(run, "web"));
        StepResult undone = recover("created", underWay, previous);
        assertThat(undone.failed()).as(undone.message()).isFalse();
        assertThat(undone.message()).contains("gave the previous run back its name, not run again");
        assertThat(docker.inspect(previous).getState().getRunning()).as("the previous run is not run again").isFalse();
        assertThat(docker.inspect(previous).getName()).isEqualTo("/" + name);
    }

    @Test
    void aStepThisVersionDoesNotKnowTouchesNothingKeepsTheEntryAndAsksAPerson() throws Exception {
        String old = container(name + "-old-aside");
        engine.stop(old, new Engine.Owner(run, "web"));
        String fresh = container(name + "-new");

        StepResult result = recover("draining", fresh, old);

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).contains("does not know ('draining'").contains("left as they are");
        assertThat(docker.inspect(fresh).getState().getRunning()).as("the new container is left as it is").isTrue();
        assertThat(docker.inspect(old).getState().getRunning()).as("the old one too").isFalse();
        assertThat(recorded).as("the journal entry stays").isEmpty();
    }

    /** A pass that failed to create its container left the name in the journal; another tenant's container holds it. */
    @Test
    void aJournalledNameAnotherTenantsContainerHoldsIsNeitherRemovedNorRenamed() throws Exception {
        String other = "rec-other-" + UUID.randomUUID().toString().substring(0, 6);
        String theirs = docker.runForeign(name + "-next", TestDocker.image("1.0"), Map.of("io.mooring.tenant", other,
                "io.mooring.component", "web"));
        containers.add(theirs);

        StepResult undone = recover("creating", name + "-next", "");
        StepResult finished = recover("healthy", name + "-next", "");

        assertThat(undone.failed()).isTrue();
        assertThat(undone.message()).contains("container " + name + "-next is not tenant " + run + "'s (it belongs to tenant "
                + other + "); Mooring never touches it");
        assertThat(finished.message()).contains("is not tenant " + run + "'s");
        assertThat(docker.inspect(theirs).getName()).as("still under its own name").isEqualTo("/" + name + "-next");
        assertThat(docker.inspect(theirs).getState().getRunning()).as("still running").isTrue();
        assertThat(recorded).as("the journal entry stays for the next pass").isEmpty();
    }
}
