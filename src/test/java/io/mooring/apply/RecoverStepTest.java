package io.mooring.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.Engine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery from a journal entry, against an engine that only notes what it is asked to do. */
class RecoverStepTest {
    private final List<String> engineCalls = new ArrayList<>();
    private final List<String> recorded = new ArrayList<>();

    private final Engine engine = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
            (proxy, method, args) -> {
                engineCalls.add(method.getName() + " " + args[0]);
                return null;
            });

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

    private StepResult recover(String storedStep, String newRef, String oldId) {
        JournalStep step = JournalStep.of(storedStep);
        JournalRecord entry = new JournalRecord("acme", "n1", "web", "acme-web", step, step.detailOf(storedStep), newRef, oldId,
                "abc123", Instant.parse("2025-01-01T00:00:00Z"));
        return new RecoverStep(engine, recorder, entry).run();
    }

    @Test
    void anInterruptedRemovalIsFinishedAndTheComponentNoLongerRecordedAsDeployed() {
        StepResult result = recover("removing", "", "old1");

        assertThat(result.failed()).isFalse();
        assertThat(engineCalls).containsExactly("stop old1", "remove old1");
        assertThat(recorded).containsExactly("removed web", "finished web");
    }

    @Test
    void aRolloutInterruptedInAHookIsUndoneAndItsHookNamed() {
        StepResult result = recover("hook-migrate", "new1", "old1");

        assertThat(result.message()).startsWith("a pass was interrupted at 'hook-migrate'");
        assertThat(engineCalls).containsExactly("remove new1", "start old1", "rename old1");
        assertThat(recorded).containsExactly("finished web");
    }

    @Test
    void aStepThisVersionDoesNotKnowTouchesNothingKeepsTheEntryAndAsksAPerson() {
        StepResult result = recover("draining", "new1", "old1");

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).contains("does not know ('draining'").contains("left as they are");
        assertThat(engineCalls).isEmpty();
        assertThat(recorded).as("the journal entry stays").isEmpty();
    }
}
