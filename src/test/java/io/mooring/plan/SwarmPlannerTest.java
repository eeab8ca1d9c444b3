package io.mooring.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredService;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedService;
import io.mooring.model.ObservedService.Task;
import io.mooring.model.Revision;
import io.mooring.model.SwarmResources;
import io.mooring.model.SwarmRestart;
import io.mooring.model.SwarmUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SwarmPlannerTest {
    static final Revision REV = new Revision("0123456789abcdef", "web 1.1");
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final Map<String, String> FIELDS = Map.of("image", "i1", "environment", "e1", "replicas", "r2");

    static DesiredService want(String component, String image, int replicas, Map<String, String> fields, String hash) {
        return new DesiredService("acme", component, "acme-" + component, ImageRef.parse(image), List.of(), new TreeMap<>(), List.of(),
                List.of(), null, replicas, List.of(), SwarmUpdate.defaults(Duration.ofSeconds(30)), SwarmRestart.DEFAULT,
                SwarmResources.NONE, List.of(), List.of("acme"), new TreeMap<>(fields), hash);
    }

    static DesiredService want(String component, String image, String hash) {
        return want(component, image, 2, FIELDS, hash);
    }

    /** A service as the engine reports it: labels, update state, replicas asked, and its tasks running the image given. */
    static ObservedService have(String component, String image, String digest, String hash, Map<String, String> fields,
                                String updateState, String message, int replicas, String taskImage) {
        List<Task> tasks = new ArrayList<>();
        for (int slot = 1; slot <= replicas; slot++) {
            tasks.add(new Task("t" + slot, slot, "node" + slot, "running", "running", "", null, taskImage));
        }
        return new ObservedService("id-" + component, "acme-" + component, "acme", component, "old", hash, image, digest, 7,
                updateState, message, replicas, replicas, tasks, fields);
    }

    static ObservedService have(String component, String image, String hash) {
        return have(component, image, D1, hash, FIELDS, "completed", "update completed", 2, pinned(image));
    }

    static String pinned(String image) {
        return ImageRef.parse(image).name() + ":" + ImageRef.parse(image).tag() + "@" + D1;
    }

    static Facts facts(Facts.SelfHeal selfHeal) {
        return new Facts(Map.of(), Map.of(), selfHeal);
    }

    static SwarmPlan plan(List<DesiredService> desired, List<ObservedService> observed, Facts facts) {
        return SwarmPlanner.plan("acme", "m1", REV, desired, observed, facts);
    }

    static List<String> lines(List<DesiredService> desired, List<ObservedService> observed, Facts facts) {
        return plan(desired, observed, facts).actions().stream().map(a -> a.verb() + " " + a.component() + ": " + a.describe()).toList();
    }

    static List<String> lines(List<DesiredService> desired, List<ObservedService> observed) {
        return lines(desired, observed, Facts.NONE);
    }

    @Test
    void aServiceThatRunsWhatIsDeclaredIsKeptAndThePlanHasNothingToDo() {
        SwarmPlan plan = plan(List.of(want("web", "demo/web:1.0", "h1")), List.of(have("web", "demo/web:1.0", "h1")),
                new Facts(Map.of("demo/web:1.0", D1), Map.of(), Facts.SelfHeal.HEAL));
        assertThat(plan.actions()).extracting(a -> a.verb() + " " + a.component() + ": " + a.describe()).containsExactly("keep web: up to date");
        assertThat(plan.isNoOp()).isTrue();
        assertThat(plan.failedUpdates()).isEmpty();
        assertThat(plan(List.of(), List.of(), Facts.NONE).actions()).isEmpty();
    }

    @Test
    void aDeclaredServiceTheSwarmDoesNotHaveIsCreated() {
        SwarmPlan plan = plan(List.of(want("web", "demo/web:1.0", "h1")), List.of(), Facts.NONE);
        assertThat(plan.actions()).singleElement().isInstanceOf(SwarmAction.Create.class);
        assertThat(plan.actions().get(0).describe()).isEqualTo("missing");
        assertThat(plan.isNoOp()).isFalse();
    }

    @Test
    void aChangedSpecIsAnUpdateThatNamesTheFieldsThatChanged() {
        DesiredService scaled = want("web", "demo/web:1.0", 3, Map.of("image", "i1", "environment", "e2", "replicas", "r3"), "h2");
        assertThat(lines(List.of(scaled), List.of(have("web", "demo/web:1.0", "h1"))))
                .containsExactly("update web: spec changed: environment, replicas");
        ObservedService unrecorded = have("web", "demo/web:1.0", D1, "h1", Map.of(), "completed", "", 2, pinned("demo/web:1.0"));
        assertThat(lines(List.of(scaled), List.of(unrecorded)))
                .containsExactly("update web: spec changed: fields not recorded on the running service");
    }

    @Test
    void aNewTagOrImageIsSaidAsTheSingleHostPlanSaysIt() {
        DesiredService newTag = want("web", "demo/web:1.1", 2, Map.of("image", "i2", "environment", "e1", "replicas", "r2"), "h2");
        assertThat(lines(List.of(newTag), List.of(have("web", "demo/web:1.0", "h1")))).containsExactly("update web: tag changed: 1.0 → 1.1");
        DesiredService newTagAndEnv = want("web", "demo/web:1.1", 2, Map.of("image", "i2", "environment", "e2", "replicas", "r2"), "h2");
        assertThat(lines(List.of(newTagAndEnv), List.of(have("web", "demo/web:1.0", "h1"))))
                .containsExactly("update web: tag changed: 1.0 → 1.1; also environment");
        assertThat(lines(List.of(want("web", "other/web:1.0", "h2")), List.of(have("web", "demo/web:1.0", "h1"))))
                .containsExactly("update web: image changed: demo/web:1.0 → other/web:1.0");
    }

    @Test
    void anEngineThatReportsThePinnedImageDoesNotMakeAnUnchangedTagReadAsChanged() {
        ObservedService reportedPinned = have("web", pinned("demo/web:1.0"), D1, "h1", FIELDS, "completed", "", 2, pinned("demo/web:1.0"));
        DesiredService envOnly = want("web", "demo/web:1.0", 2, Map.of("image", "i1", "environment", "e2", "replicas", "r2"), "h2");
        assertThat(lines(List.of(envOnly), List.of(reportedPinned))).containsExactly("update web: spec changed: environment");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(reportedPinned))).containsExactly("keep web: up to date");
    }

    @Test
    void aTagThatMovedInItsRegistryIsAnUpdateAndOneThatDidNotIsKept() {
        List<DesiredService> desired = List.of(want("web", "demo/web:1.0", "h1"));
        List<ObservedService> observed = List.of(have("web", "demo/web:1.0", "h1"));
        assertThat(lines(desired, observed, new Facts(Map.of("demo/web:1.0", D2), Map.of(), Facts.SelfHeal.HEAL)))
                .containsExactly("update web: digest moved: 1.0 moved from sha256:111111111111 to sha256:222222222222");
        assertThat(lines(desired, observed, new Facts(Map.of("demo/web:1.0", D1), Map.of(), Facts.SelfHeal.HEAL)))
                .containsExactly("keep web: up to date");
        assertThat(lines(desired, observed, Facts.NONE)).as("registry not asked").containsExactly("keep web: up to date");
    }

    @Test
    void replicasScaledByHandAreHealedReportedOrShownByTheSelfHealPolicy() {
        List<DesiredService> desired = List.of(want("web", "demo/web:1.0", "h1"));
        List<ObservedService> observed = List.of(have("web", "demo/web:1.0", D1, "h1", FIELDS, "completed", "", 3, pinned("demo/web:1.0")));
        SwarmPlan healed = plan(desired, observed, facts(Facts.SelfHeal.HEAL));
        assertThat(healed.actions()).singleElement().isInstanceOf(SwarmAction.Update.class);
        assertThat(healed.actions().get(0).describe()).isEqualTo("drifted: scaled by hand: 3 replicas, 2 declared");
        assertThat(healed.actions().get(0).reason().kind()).isEqualTo(Reason.Kind.DRIFT);
        for (Facts.SelfHeal policy : List.of(Facts.SelfHeal.REPORT, Facts.SelfHeal.OFF)) {
            SwarmPlan shown = plan(desired, observed, facts(policy));
            assertThat(shown.actions()).as(policy.word()).singleElement().isInstanceOf(SwarmAction.Drift.class);
            assertThat(lines(desired, observed, facts(policy))).containsExactly("drift web: drifted: scaled by hand: 3 replicas, 2 declared");
        }
        List<ObservedService> one = List.of(have("web", "demo/web:1.0", D1, "h1", FIELDS, "completed", "", 1, pinned("demo/web:1.0")));
        assertThat(lines(desired, one)).containsExactly("update web: drifted: scaled by hand: 1 replica, 2 declared");
    }

    @Test
    void anImageSetByHandIsDriftButTheMixOfAnUpdateUnderWayIsNot() {
        List<DesiredService> desired = List.of(want("web", "demo/web:1.0", "h1"));
        String byHand = "demo/web:1.1@" + D2;
        ObservedService changed = have("web", "demo/web:1.0", D1, "h1", FIELDS, "completed", "", 2, byHand);
        assertThat(lines(desired, List.of(changed), facts(Facts.SelfHeal.REPORT)))
                .containsExactly("drift web: drifted: runs image " + byHand + ", not demo/web@" + D1);
        ObservedService both = have("web", "demo/web:1.0", D1, "h1", FIELDS, "completed", "", 3, byHand);
        assertThat(lines(desired, List.of(both)))
                .containsExactly("update web: drifted: scaled by hand: 3 replicas, 2 declared; runs image " + byHand + ", not demo/web@" + D1);
        ObservedService updating = have("web", "demo/web:1.0", D1, "h1", FIELDS, "updating", "update in progress", 2, byHand);
        assertThat(lines(desired, List.of(updating))).containsExactly("keep web: up to date");
        ObservedService hubName = have("db", "postgres:14", D1, "h1", FIELDS, "completed", "", 2, "docker.io/library/postgres:14@" + D1);
        assertThat(lines(List.of(want("db", "postgres:14", "h1")), List.of(hubName))).as("the engine's spelling of a Hub image")
                .containsExactly("keep db: up to date");
    }

    @Test
    void aServiceWhoseLastUpdateWasPausedIsNotSetAgainSilently() {
        List<DesiredService> desired = List.of(want("web", "demo/web:1.1", "h2"));
        // Rolled back to the spec now declared (the tenant reverted): it runs what is declared and is looked at as any other.
        ObservedService rolledBack = have("web", "demo/web:1.1", D2, "h2", FIELDS, "rollback_completed",
                "rollback completed", 2, "demo/web:1.1@" + D2);
        SwarmPlan plan = plan(desired, List.of(rolledBack), new Facts(Map.of("demo/web:1.1", D2), Map.of(), Facts.SelfHeal.HEAL));
        assertThat(plan.actions()).extracting(a -> a.verb() + " " + a.component() + ": " + a.describe())
                .containsExactly("keep web: up to date (last update rolled back: rollback completed)");
        assertThat(plan.isNoOp()).isTrue();
        ObservedService scaled = have("web", "demo/web:1.1", D2, "h2", FIELDS, "rollback_completed", "rollback completed", 1,
                "demo/web:1.1@" + D2);
        assertThat(lines(desired, List.of(scaled))).as("drift is still healed after a rollback").singleElement().asString()
                .startsWith("update web: ");
        ObservedService paused = have("web", "demo/web:1.1", D2, "h2", FIELDS, "paused", "update paused due to failure", 2,
                "demo/web:1.1@" + D2);
        assertThat(lines(desired, List.of(paused))).containsExactly("keep web: last update paused: update paused due to failure");
        ObservedService rollbackPaused = have("web", "demo/web:1.1", D2, "h2", FIELDS, "rollback_paused", "", 2, "demo/web:1.1@" + D2);
        assertThat(lines(desired, List.of(rollbackPaused))).containsExactly("keep web: last update's rollback paused");
    }

    @Test
    void anUpdateAfterARolledBackOneSaysHowTheLastOneEnded() {
        ObservedService rolledBack = have("web", "demo/web:1.0", D1, "h1", FIELDS, "rollback_completed", "task exited with code 3", 2,
                pinned("demo/web:1.0"));
        SwarmPlan plan = plan(List.of(want("web", "demo/web:1.2", "h3")), List.of(rolledBack), Facts.NONE);
        assertThat(plan.actions()).extracting(SwarmAction::describe)
                .containsExactly("tag changed: 1.0 → 1.2 (last update rolled back: task exited with code 3)");
        assertThat(plan.failedUpdates()).hasSize(1);
    }

    @Test
    void servicesNoLongerDeclaredAreRemovedLastAndCreatesAndUpdatesFollowTheDeclaredOrder() {
        List<DesiredService> desired = List.of(want("web", "demo/web:1.1", "h2"), want("api", "demo/api:1", "a1"), want("db", "postgres:16", "d1"));
        List<ObservedService> observed = List.of(have("old", "demo/old:1", "o1"), have("db", "postgres:16", "d1"),
                have("web", "demo/web:1.0", "h1"), have("aaa", "demo/aaa:1", "x1"));
        assertThat(lines(desired, observed)).containsExactly(
                "update web: tag changed: 1.0 → 1.1",
                "create api: missing",
                "keep db: up to date",
                "remove aaa: no longer desired",
                "remove old: no longer desired");
        List<ObservedService> reversed = new ArrayList<>(observed);
        Collections.reverse(reversed);
        assertThat(lines(desired, reversed)).as("whatever order the engine lists in").isEqualTo(lines(desired, observed));
    }

    @Test
    void anotherTenantsServicesAreNeverTouchedAndASecondServiceOfAComponentGoes() {
        ObservedService others = new ObservedService("id-x", "globex-old", "globex", "old", "r", "g1", "demo/old:1", "", 1, "", "", 1, 1,
                List.of());
        ObservedService second = new ObservedService("id-2", "acme-web-2", "acme", "web", "r", "h1", "demo/web:1.0", D1, 1, "", "", 2, 2,
                List.of());
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(others, second, have("web", "demo/web:1.0", "h1"))))
                .containsExactly("remove web: duplicate: acme-web-2 is a second service for web", "keep web: up to date");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(second)))
                .containsExactly("remove web: duplicate: acme-web-2 is a second service for web", "create web: missing");
    }
}
