package io.mooring.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final Revision REV = new Revision("abc", "subject");

    private static DesiredContainer want(String component, String image, String hash) {
        return new DesiredContainer("acme", component, "acme-" + component, ImageRef.parse(image), List.of(),
                new TreeMap<>(Map.of()), List.of(), List.of(), "unless-stopped", new TreeMap<>(), List.of(), null,
                HostAccess.NONE, List.of(), hash);
    }

    private static ObservedContainer have(String id, String component, String image, String hash, String state) {
        return new ObservedContainer(id, "acme-" + component, "acme", component, "old", hash, image, state);
    }

    private static List<String> lines(List<DesiredContainer> desired, List<ObservedContainer> observed) {
        Plan plan = Planner.plan(new DesiredState("acme", "n1", REV, desired), new ObservedState("acme", observed));
        return plan.actions().stream().map(a -> a.verb() + " " + a.component() + ": " + a.reason()).toList();
    }

    @Test
    void createsWhatIsMissing() {
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of())).containsExactly("create web: missing");
    }

    @Test
    void keepsWhatMatchesEvenAtAnotherRevision() {
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(have("c1", "web", "demo/web:1.0", "h1", "running"))))
                .containsExactly("keep web: up to date");
    }

    @Test
    void explainsEveryReplace() {
        assertThat(lines(List.of(want("web", "demo/web:1.1", "h2")), List.of(have("c1", "web", "demo/web:1.0", "h1", "running"))))
                .containsExactly("replace web: tag changed: 1.0 → 1.1");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h2")), List.of(have("c1", "web", "demo/web:1.0", "h1", "running"))))
                .containsExactly("replace web: spec changed");
        assertThat(lines(List.of(want("web", "other/web:1.0", "h2")), List.of(have("c1", "web", "demo/web:1.0", "h1", "running"))))
                .containsExactly("replace web: image changed: demo/web:1.0 → other/web:1.0");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(have("c1", "web", "demo/web:1.0", "h1", "exited"))))
                .containsExactly("replace web: drifted: container is exited");
    }

    @Test
    void removesWhatIsNoLongerDesiredAndLeftoversFirst() {
        ObservedContainer leftover = new ObservedContainer("c2", "acme-web-next", "acme", "web", "old", "h9", "demo/web:2.0", "created");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(
                have("c3", "db", "postgres:16", "h5", "running"),
                leftover,
                have("c1", "web", "demo/web:1.0", "h1", "running"))))
                .containsExactly(
                        "remove db: no longer desired",
                        "remove web: duplicate: acme-web-next is a second container for web",
                        "keep web: up to date");
    }

    @Test
    void afterAnInterruptedReplaceKeepsTheNewContainerThatRunsAndRenamesIt() {
        ObservedContainer oldStopped = have("c1", "web", "demo/web:1.0", "h1", "exited");
        ObservedContainer newRunning = new ObservedContainer("c2", "acme-web-next-h2", "acme", "web", "new", "h2", "demo/web:1.1", "running");
        assertThat(lines(List.of(want("web", "demo/web:1.1", "h2")), List.of(oldStopped, newRunning)))
                .containsExactly(
                        "remove web: duplicate: acme-web is a second container for web",
                        "replace web: drifted: container is named acme-web-next-h2");
    }

    @Test
    void isDeterministicWhateverOrderTheEngineListsIn() {
        List<DesiredContainer> desired = List.of(want("web", "demo/web:1.0", "h1"), want("app", "demo/app:1", "h2"));
        List<ObservedContainer> observed = List.of(have("c1", "web", "demo/web:0.9", "h0", "running"),
                have("c4", "old", "x:1", "h4", "running"), have("c5", "older", "x:1", "h4", "running"));
        List<ObservedContainer> reversed = new java.util.ArrayList<>(observed);
        java.util.Collections.reverse(reversed);
        assertThat(lines(desired, reversed)).isEqualTo(lines(desired, observed));
    }
}
