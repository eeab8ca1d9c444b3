package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.apply.Applied;
import io.mooring.apply.StepResult;
import io.mooring.model.ActionRecord;
import io.mooring.model.DesiredContainer;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.ObservedContainer;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import io.mooring.plan.Action;
import io.mooring.plan.Facts;
import io.mooring.plan.Plan;
import io.mooring.plan.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The outcome of a pass as a pure function of its plan, step results, window, self-heal policy and notes. */
class PassOutcomeTest {
    private static final Instant STARTED = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant FINISHED = STARTED.plusSeconds(3);
    private static final MaintenanceWindows CLOSED = MaintenanceWindows.parse("Sun 03:00-04:00 UTC");

    private static final Action KEEP_DB = new Action.Keep(want("db"), have("c1", "db"), Reason.of(Reason.Code.UP_TO_DATE));
    private static final Action CREATE_WEB = new Action.Create(want("web"), Reason.of(Reason.Code.MISSING));
    private static final Action REPLACE_WEB = new Action.Replace(want("web"), have("c2", "web"), Reason.of(Reason.Code.TAG_CHANGED, "1.0 → 1.1"));
    private static final Action REMOVE_DUPLICATE_DB = new Action.Remove(have("c3", "db"), Reason.of(Reason.Code.DUPLICATE));
    private static final Action DRIFT_WEB = new Action.Drift(want("web"), have("c2", "web"), Reason.of(Reason.Code.DRIFTED, "container is exited"));
    private static final Action REMOVE_OLD = new Action.Remove(have("c4", "old"), Reason.of(Reason.Code.NOT_DESIRED));

    /** What a case expects: the pass's status, the start of its message, and each action's outcome as "verb component OUTCOME". */
    record Expected(PassStatus status, String message, List<String> actions) {
    }

    static Stream<Arguments> passes() {
        return Stream.of(
                row("nothing to do converges", List.of(KEEP_DB), applied -> applied, List.of(), Optional.empty(), Facts.SelfHeal.HEAL,
                        new Expected(PassStatus.CONVERGED, "nothing to do", List.of("keep db SKIPPED"))),
                row("a create that went through converges", List.of(KEEP_DB, CREATE_WEB),
                        applied -> applied.add(CREATE_WEB, done("web", "create", "started and healthy")), List.of(), Optional.empty(),
                        Facts.SelfHeal.HEAL, new Expected(PassStatus.CONVERGED, "1 change(s) applied", List.of("keep db SKIPPED", "create web DONE"))),
                row("a failed replace fails the pass", List.of(REPLACE_WEB),
                        applied -> applied.add(REPLACE_WEB, new StepResult("web", "replace", StepResult.Outcome.FAILED, "exited 1; rolled back")),
                        List.of(), Optional.empty(), Facts.SelfHeal.HEAL,
                        new Expected(PassStatus.FAILED, "web: exited 1; rolled back", List.of("replace web FAILED"))),
                row("a recovered keep is not recorded as done", List.of(KEEP_DB), applied -> applied,
                        List.of(done("db", "recover", "finished the swap")), Optional.empty(), Facts.SelfHeal.HEAL,
                        new Expected(PassStatus.CONVERGED, "nothing to do (db: finished the swap)", List.of("keep db SKIPPED"))),
                row("removing a duplicate is not the kept component's doing", List.of(REMOVE_DUPLICATE_DB, KEEP_DB),
                        applied -> applied.add(REMOVE_DUPLICATE_DB, done("db", "remove", "removed c3")), List.of(), Optional.empty(),
                        Facts.SelfHeal.HEAL, new Expected(PassStatus.CONVERGED, "1 change(s) applied", List.of("remove db DONE", "keep db SKIPPED"))),
                row("a closed window defers changes and lets cleanup through", List.of(REPLACE_WEB, REMOVE_DUPLICATE_DB),
                        applied -> applied.add(REMOVE_DUPLICATE_DB, done("db", "remove", "removed c3")), List.of(), Optional.of(CLOSED),
                        Facts.SelfHeal.HEAL, new Expected(PassStatus.DEFERRED, "1 change(s) wait for the maintenance window",
                                List.of("replace web DEFERRED", "remove db DONE"))),
                row("drift under report is told", List.of(DRIFT_WEB), applied -> applied, List.of(), Optional.empty(), Facts.SelfHeal.REPORT,
                        new Expected(PassStatus.DRIFTED, "drift reported, not healed (mooring_self_heal: report): web: container is exited",
                                List.of("drift web REPORTED"))),
                row("drift under off is only in the plan", List.of(DRIFT_WEB), applied -> applied, List.of(), Optional.empty(),
                        Facts.SelfHeal.OFF, new Expected(PassStatus.CONVERGED, "nothing to do", List.of("drift web REPORTED"))),
                row("a failure outranks a closed window", List.of(REPLACE_WEB, REMOVE_DUPLICATE_DB),
                        applied -> applied.add(REMOVE_DUPLICATE_DB, new StepResult("db", "remove", StepResult.Outcome.FAILED, "engine said no")),
                        List.of(), Optional.of(CLOSED), Facts.SelfHeal.HEAL,
                        new Expected(PassStatus.FAILED, "db: engine said no", List.of("replace web DEFERRED", "remove db FAILED"))),
                row("what is no longer desired is removed", List.of(KEEP_DB, REMOVE_OLD),
                        applied -> applied.add(REMOVE_OLD, done("old", "remove", "removed c4")), List.of(), Optional.empty(),
                        Facts.SelfHeal.HEAL, new Expected(PassStatus.CONVERGED, "1 change(s) applied", List.of("keep db SKIPPED", "remove old DONE"))),
                row("an action pulled for but never started is not done", List.of(CREATE_WEB, REMOVE_OLD),
                        applied -> applied.add(CREATE_WEB, done("web", "pull", "pulled demo/web:1.1"))
                                .add(REMOVE_OLD, new StepResult("old", "remove", StepResult.Outcome.FAILED, "engine said no"))
                                .add(CREATE_WEB, new StepResult("web", "create", StepResult.Outcome.SKIPPED, "not started")),
                        List.of(), Optional.empty(), Facts.SelfHeal.HEAL,
                        new Expected(PassStatus.FAILED, "old: engine said no", List.of("create web SKIPPED", "remove old FAILED"))),
                row("a failed pull fails the action that needed it and nothing else", List.of(KEEP_DB, CREATE_WEB),
                        applied -> applied.add(CREATE_WEB, new StepResult("web", "pull", StepResult.Outcome.FAILED, "no such tag"))
                                .add(null, new StepResult("*", "apply", StepResult.Outcome.SKIPPED, "nothing was stopped")),
                        List.of(), Optional.empty(), Facts.SelfHeal.HEAL,
                        new Expected(PassStatus.FAILED, "web: no such tag", List.of("keep db SKIPPED", "create web FAILED"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passes")
    void endsAsItsStepsSay(String name, List<Action> actions, Function<Applied, Applied> steps, List<StepResult> recovered,
                           Optional<MaintenanceWindows> closed, Facts.SelfHeal selfHeal, Expected expected) {
        Plan plan = new Plan("acme", "n1", new Revision("abc123", "subject"), actions);
        PassRecord pass = new PassOutcome(plan, recovered, steps.apply(Applied.nothing()), closed, selfHeal, List.of())
                .record(STARTED, FINISHED);
        assertThat(pass.status()).isEqualTo(expected.status());
        assertThat(pass.message()).startsWith(expected.message());
        assertThat(pass.actions()).extracting(PassOutcomeTest::line).containsExactlyElementsOf(expected.actions());
        assertThat(pass.revision()).isEqualTo("abc123");
        assertThat(pass.started()).isEqualTo(STARTED);
        assertThat(pass.finished()).isEqualTo(FINISHED);
    }

    @ParameterizedTest(name = "notes follow the message: {0}")
    @MethodSource("passes")
    void notesFollowTheMessage(String name, List<Action> actions, Function<Applied, Applied> steps, List<StepResult> recovered,
                               Optional<MaintenanceWindows> closed, Facts.SelfHeal selfHeal, Expected expected) {
        Plan plan = new Plan("acme", "n1", new Revision("abc123", "subject"), actions);
        PassRecord pass = new PassOutcome(plan, recovered, steps.apply(Applied.nothing()), closed, selfHeal,
                List.of("digest of demo/web:1.1 not checked")).record(STARTED, FINISHED);
        assertThat(pass.message()).endsWith("digest of demo/web:1.1 not checked)");
    }

    private static Arguments row(String name, List<Action> actions, Function<Applied, Applied> steps, List<StepResult> recovered,
                                 Optional<MaintenanceWindows> closed, Facts.SelfHeal selfHeal, Expected expected) {
        return Arguments.of(name, actions, steps, recovered, closed, selfHeal, expected);
    }

    private static String line(ActionRecord action) {
        return action.verb() + " " + action.component() + " " + action.outcome();
    }

    private static StepResult done(String component, String step, String message) {
        return new StepResult(component, step, StepResult.Outcome.DONE, message);
    }

    private static DesiredContainer want(String component) {
        return new DesiredContainer("acme", component, "acme-" + component, ImageRef.parse("demo/" + component + ":1.1"), List.of(),
                new TreeMap<>(Map.of()), List.of(), List.of(), "unless-stopped", new TreeMap<>(), List.of(), null,
                HostAccess.NONE, List.of(), Rollout.DEFAULT, new TreeMap<>(), "hash-" + component);
    }

    private static ObservedContainer have(String id, String component) {
        return new ObservedContainer(id, "acme-" + component, "acme", component, "old", "hash-old", "demo/" + component + ":1.0", "running");
    }
}
