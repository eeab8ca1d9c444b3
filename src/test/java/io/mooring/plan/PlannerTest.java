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

class PlannerTest {
    private static final Revision REV = new Revision("abc", "subject");

    private static DesiredContainer want(String component, String image, String hash) {
        return new DesiredContainer("acme", component, "acme-" + component, ImageRef.parse(image), List.of(),
                new TreeMap<>(Map.of()), List.of(), List.of(), "unless-stopped", new TreeMap<>(), List.of(), null,
                HostAccess.NONE, List.of(), Rollout.DEFAULT, new TreeMap<>(), hash);
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
                .containsExactly("replace web: spec changed: fields not recorded on the running container");
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

    private static List<String> lines(List<DesiredContainer> desired, List<ObservedContainer> observed, Facts facts) {
        Plan plan = Planner.plan(new DesiredState("acme", "n1", REV, desired), new ObservedState("acme", observed), facts);
        return plan.actions().stream().map(a -> a.verb() + " " + a.component() + ": " + a.reason()).toList();
    }

    private static ObservedContainer pinned(String id, String image, String hash, String digest, String runs, Map<String, String> fields) {
        return new ObservedContainer(id, "acme-web", "acme", "web", "old", hash, image, "running", digest, runs, fields, "", false,
                List.of(), List.of());
    }

    private static DesiredContainer withFields(String image, String hash, Map<String, String> fields) {
        DesiredContainer d = want("web", image, hash);
        return new DesiredContainer(d.tenant(), d.component(), d.containerName(), d.image(), d.command(), d.environment(), d.ports(),
                d.volumes(), d.restart(), d.labels(), d.extraHosts(), d.healthcheck(), d.access(), d.dependsOn(), d.rollout(),
                new TreeMap<>(fields), hash);
    }

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @Test
    void aTagThatMovedInItsRegistryIsReplacedAndOneThatDidNotIsKept() {
        ObservedContainer running = pinned("c1", "demo/web:latest", "h1", D1, "demo/web@" + D1, Map.of());
        Facts moved = new Facts(Map.of("demo/web:latest", D2), Map.of(), Facts.SelfHeal.HEAL);
        assertThat(lines(List.of(want("web", "demo/web:latest", "h1")), List.of(running), moved))
                .containsExactly("replace web: digest moved: latest moved from sha256:111111111111 to sha256:222222222222");
        Facts same = new Facts(Map.of("demo/web:latest", D1), Map.of(), Facts.SelfHeal.HEAL);
        assertThat(lines(List.of(want("web", "demo/web:latest", "h1")), List.of(running), same)).containsExactly("keep web: up to date");
        assertThat(lines(List.of(want("web", "demo/web:latest", "h1")), List.of(running), Facts.NONE))
                .as("registry not asked: nothing known to have moved").containsExactly("keep web: up to date");
    }

    @Test
    void aSpecChangeNamesTheFieldsAndEnvironmentVariablesButNotTheirValues() {
        ObservedContainer running = pinned("c1", "demo/web:1.0", "h1", D1, "demo/web@" + D1,
                Map.of("image", "aa", "environment.PASSWORD", "p1", "environment.GONE", "g1", "ports", "pp"));
        DesiredContainer changed = withFields("demo/web:1.0", "h2", Map.of("image", "aa", "environment.PASSWORD", "p2", "ports", "qq"));
        assertThat(lines(List.of(changed), List.of(running)))
                .containsExactly("replace web: spec changed: environment.GONE, environment.PASSWORD, ports");
        DesiredContainer upgraded = withFields("demo/web:1.1", "h3", Map.of("image", "bb", "environment.PASSWORD", "p1",
                "environment.GONE", "g1", "ports", "pp"));
        assertThat(lines(List.of(upgraded), List.of(running))).containsExactly("replace web: tag changed: 1.0 → 1.1");
    }

    @Test
    void driftIsHealedReportedOrOnlyShownAsTheTenantSays() {
        ObservedContainer byHand = pinned("c9", "demo/web:1.0", "h1", D1, "demo/web:2.0", Map.of());
        for (Facts.SelfHeal policy : Facts.SelfHeal.values()) {
            Facts facts = new Facts(Map.of(), Map.of("web", "c1"), policy);
            String verb = policy == Facts.SelfHeal.HEAL ? "replace" : "drift";
            assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(byHand), facts)).containsExactly(verb
                    + " web: drifted: recreated outside Mooring (Mooring deployed c1, c9 runs now); runs image demo/web:2.0, not demo/web@" + D1);
            String missingVerb = policy == Facts.SelfHeal.HEAL ? "create" : "drift";
            assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(), facts))
                    .containsExactly(missingVerb + " web: drifted: container c1 was removed outside Mooring");
        }
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(), new Facts(Map.of(), Map.of(), Facts.SelfHeal.REPORT)))
                .as("never deployed here: a change, not drift").containsExactly("create web: missing");
    }

    @Test
    void componentsComeAfterWhatTheyDependOnAndLeftoverJobsGo() {
        DesiredContainer app = want("app", "demo/app:1", "h2");
        DesiredContainer appAfterDb = new DesiredContainer(app.tenant(), app.component(), app.containerName(), app.image(), app.command(),
                app.environment(), app.ports(), app.volumes(), app.restart(), app.labels(), app.extraHosts(), app.healthcheck(),
                app.access(), List.of("db"), app.rollout(), app.specFields(), app.specHash());
        ObservedContainer job = new ObservedContainer("j1", "acme-db-hook-migrate", "acme", "db", "old", "h1", "demo/db:1", "exited",
                "", "demo/db:1", Map.of(), "migrate", false, List.of(), List.of());
        assertThat(lines(List.of(appAfterDb, want("db", "demo/db:1", "h1")), List.of(job))).containsExactly(
                "remove db: leftover hook job: acme-db-hook-migrate (hook migrate)",
                "create db: missing",
                "create app: missing");
    }

    private static ObservedContainer on(String id, String name, String hash, String state, String... networks) {
        return new ObservedContainer(id, name, "acme", "web", "old", hash, "demo/web:1.0", state, "", "demo/web:1.0", Map.of(), "", false,
                List.of(), List.of(), List.of(networks));
    }

    private static DesiredContainer withNetworkMode(DesiredContainer d, String mode) {
        return new DesiredContainer(d.tenant(), d.component(), d.containerName(), d.image(), d.command(), d.environment(), d.ports(),
                d.volumes(), d.restart(), d.labels(), d.extraHosts(), d.healthcheck(), new HostAccess(false, "", "", List.of(), mode),
                d.dependsOn(), d.rollout(), d.specFields(), d.specHash());
    }

    @Test
    void aContainerMadeBeforeTenantNetworksMovesOntoItsTenantsNetworkItsSpecHashUnchanged() {
        DesiredContainer web = want("web", "demo/web:1.0", "h1");
        assertThat(web.network()).isEqualTo("mooring-acme");
        assertThat(lines(List.of(web), List.of(on("c1", "acme-web", "h1", "running", "bridge"))))
                .containsExactly("replace web: network: moves onto mooring-acme (from bridge)");
        assertThat(lines(List.of(web), List.of(on("c1", "acme-web", "h1", "running", "mooring-acme"))))
                .containsExactly("keep web: up to date");
        assertThat(lines(List.of(web), List.of(on("c1", "acme-web", "h1", "running"))))
                .as("networks not known (read from a revision): nothing to move").containsExactly("keep web: up to date");
    }

    @Test
    void aMoveWithASpecChangeSaysBoth() {
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h2")), List.of(on("c1", "acme-web", "h1", "running", "bridge"))))
                .containsExactly("replace web: spec changed: fields not recorded on the running container; also moves onto mooring-acme"
                        + " (from bridge)");
    }

    @Test
    void driftComesBeforeAMoveAndUnderReportNothingIsDoneAboutEither() {
        ObservedContainer stopped = on("c1", "acme-web", "h1", "exited", "bridge");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(stopped)))
                .containsExactly("replace web: drifted: container is exited; also moves onto mooring-acme (from bridge)");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(stopped), new Facts(Map.of(), Map.of(), Facts.SelfHeal.REPORT)))
                .containsExactly("drift web: drifted: container is exited");
    }

    @Test
    void aMovedDigestReplacesAndMovesAtOnce() {
        ObservedContainer running = new ObservedContainer("c1", "acme-web", "acme", "web", "old", "h1", "demo/web:latest", "running", D1,
                "demo/web@" + D1, Map.of(), "", false, List.of(), List.of(), List.of("bridge"));
        assertThat(lines(List.of(want("web", "demo/web:latest", "h1")), List.of(running),
                new Facts(Map.of("demo/web:latest", D2), Map.of(), Facts.SelfHeal.HEAL))).containsExactly("replace web: digest moved:"
                + " latest moved from sha256:111111111111 to sha256:222222222222; also moves onto mooring-acme (from bridge)");
    }

    @Test
    void hostAndNoneNetworkModesStayWhereTheyAreAndBridgeMeansTheTenantsNetwork() {
        DesiredContainer host = withNetworkMode(want("web", "demo/web:1.0", "h1"), "host");
        DesiredContainer none = withNetworkMode(want("web", "demo/web:1.0", "h1"), "none");
        assertThat(host.network()).isEmpty();
        assertThat(lines(List.of(host), List.of(on("c1", "acme-web", "h1", "running", "host")))).containsExactly("keep web: up to date");
        assertThat(lines(List.of(none), List.of(on("c1", "acme-web", "h1", "running", "none")))).containsExactly("keep web: up to date");
        DesiredContainer bridge = withNetworkMode(want("web", "demo/web:1.0", "h1"), "bridge");
        assertThat(bridge.network()).isEqualTo("mooring-acme");
        assertThat(lines(List.of(bridge), List.of(on("c1", "acme-web", "h1", "running", "bridge"))))
                .containsExactly("replace web: network: moves onto mooring-acme (from bridge)");
    }

    @Test
    void aMoveIsAChangeThatWaitsForTheWindowNotDrift() {
        Plan plan = Planner.plan(new DesiredState("acme", "n1", REV, List.of(want("web", "demo/web:1.0", "h1"))),
                new ObservedState("acme", List.of(on("c1", "acme-web", "h1", "running", "bridge"))));
        assertThat(plan.actions().get(0).reason().kind()).isEqualTo(Reason.Kind.CHANGE);
    }

    @Test
    void ofTwoContainersRunningTheWantedSpecTheOneOnTheNetworkStandsForTheComponent() {
        ObservedContainer old = on("c1", "acme-web", "h1", "running", "bridge");
        ObservedContainer moved = on("c2", "acme-web-next-h1", "h1", "running", "mooring-acme");
        assertThat(lines(List.of(want("web", "demo/web:1.0", "h1")), List.of(old, moved))).containsExactly(
                "remove web: duplicate: acme-web is a second container for web",
                "replace web: drifted: container is named acme-web-next-h1");
    }
}
