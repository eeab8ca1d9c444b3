package io.mooring.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A component that runs once has done its work when it exited with code 0: nothing to heal then. */
class RunOncePlanTest {
    private static DesiredContainer want(boolean runOnce) {
        return new DesiredContainer("acme", "migrate", "acme-migrate", ImageRef.parse("demo/web:1.0"), List.of("migrate"),
                new TreeMap<>(Map.of()), List.of(), List.of(), runOnce ? "no" : "unless-stopped", new TreeMap<>(), List.of(), null,
                HostAccess.NONE, List.of(), new Rollout(null, List.of(), false, runOnce), new TreeMap<>(), "h1");
    }

    private static String line(boolean runOnce, String state) {
        ObservedContainer have = new ObservedContainer("c1", "acme-migrate", "acme", "migrate", "old", "h1", "demo/web:1.0", state);
        Plan plan = Planner.plan(new DesiredState("acme", "n1", new Revision("abc", "s"), List.of(want(runOnce))),
                new ObservedState("acme", List.of(have)), new Facts(Map.of(), Map.of(), Facts.SelfHeal.HEAL));
        return plan.actions().stream().map(a -> a.verb() + " " + a.component() + ": " + a.reason()).findFirst().orElseThrow();
    }

    @Test
    void aCompletedRunIsUpToDate() {
        assertThat(line(true, ObservedContainer.COMPLETED)).isEqualTo("keep migrate: up to date");
    }

    @Test
    void aRunUnderWayIsNotTakenForDoneSoThatWhatWaitsForItWaitsForTheRollout() {
        assertThat(line(true, "running")).isEqualTo("replace migrate: drifted: it runs once and a run is under way, started outside a pass");
    }

    @Test
    void aRunThatFailedOrNeverStartedIsRunAgainUnderSelfHealing() {
        assertThat(line(true, "exited (1)")).isEqualTo("replace migrate: drifted: container is exited (1)");
        assertThat(line(true, "created")).isEqualTo("replace migrate: drifted: container is created");
    }

    @Test
    void aServiceThatKeepsRunningHasDriftedWhenItExitedEvenWithCodeZero() {
        assertThat(line(false, ObservedContainer.COMPLETED)).isEqualTo("replace migrate: drifted: container is exited (0)");
    }
}
