package io.mooring.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RevisionDiffTest {
    private static final Revision BASE = new Revision("b".repeat(40), "base");
    private static final Revision CHANGE = new Revision("c".repeat(40), "change");

    private static DesiredContainer component(String name, String image, Map<String, String> fields) {
        TreeMap<String, String> specFields = new TreeMap<>(fields);
        specFields.put("image", image);
        return new DesiredContainer("acme", name, "acme-" + name, ImageRef.parse(image), List.of(), new TreeMap<>(), List.of(),
                List.of(), "unless-stopped", new TreeMap<>(), List.of(), null, HostAccess.NONE, List.of(), Rollout.DEFAULT, specFields,
                String.valueOf(specFields.hashCode()));
    }

    private static List<String> diff(List<DesiredContainer> base, List<DesiredContainer> change) {
        Plan plan = RevisionDiff.diff(new DesiredState("acme", "app", BASE, base), new DesiredState("acme", "app", CHANGE, change));
        assertThat(plan.revision()).isEqualTo(CHANGE);
        return plan.actions().stream().map(a -> a.verb() + " " + a.component() + ": " + a.reason()).toList();
    }

    @Test
    void saysWhatTheChangeAloneDoes() {
        List<DesiredContainer> base = List.of(component("db", "demo/db:15", Map.of("environment", "e1")),
                component("web", "demo/web:1.0", Map.of("environment", "e1")),
                component("old", "demo/old:1", Map.of()));
        List<DesiredContainer> change = List.of(component("db", "demo/db:15", Map.of("environment", "e2")),
                component("web", "demo/web:1.1", Map.of("environment", "e2")),
                component("cache", "demo/cache:7", Map.of()));
        assertThat(diff(base, change)).containsExactly(
                "remove old: removed",
                "replace db: spec changed: environment",
                "replace web: tag changed: 1.0 → 1.1; also environment",
                "create cache: added");
    }

    @Test
    void aPinnedDigestIsShownAndAnUnchangedComponentIsKept() {
        String before = "demo/web@sha256:" + "1".repeat(64);
        String after = "demo/web@sha256:" + "2".repeat(64);
        assertThat(diff(List.of(component("web", before, Map.of()), component("db", "demo/db:15", Map.of())),
                List.of(component("web", after, Map.of()), component("db", "demo/db:15", Map.of()))))
                .containsExactly("replace web: tag changed: sha256:" + "1".repeat(64) + " → sha256:" + "2".repeat(64), "keep db: unchanged");
    }

    @Test
    void aNodeThatComesOrGoesAddsOrRemovesEverything() {
        assertThat(diff(List.of(), List.of(component("web", "demo/web:1.0", Map.of())))).containsExactly("create web: added");
        assertThat(diff(List.of(component("web", "demo/web:1.0", Map.of())), List.of())).containsExactly("remove web: removed");
    }
}
