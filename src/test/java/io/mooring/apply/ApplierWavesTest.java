package io.mooring.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedContainer;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import io.mooring.plan.Reason;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApplierWavesTest {
    private static DesiredContainer want(String component, String... dependsOn) {
        return new DesiredContainer("acme", component, "acme-" + component, ImageRef.parse("demo/" + component + ":1"), List.of(),
                new TreeMap<>(), List.of(), List.of(), "no", new TreeMap<>(), List.of(), null, HostAccess.NONE, List.of(dependsOn),
                Rollout.DEFAULT, new TreeMap<>(), "h-" + component);
    }

    @Test
    void componentsGoOnceWhatTheyDependOnThatChangesIsHealthyAndUnchangedOnesCountAsReady() {
        ObservedContainer db = new ObservedContainer("c1", "acme-db", "acme", "db", "r", "h-db", "demo/db:1", "running");
        Plan plan = new Plan("acme", "n1", new Revision("abc", ""), List.of(
                new Action.Keep(want("db"), db, Reason.of(Reason.Code.UP_TO_DATE)),
                new Action.Create(want("redis"), Reason.of(Reason.Code.MISSING)),
                new Action.Create(want("django", "db", "redis"), Reason.of(Reason.Code.MISSING)),
                new Action.Create(want("nginx", "django"), Reason.of(Reason.Code.MISSING)),
                new Action.Create(want("minio", "db"), Reason.of(Reason.Code.MISSING))));
        assertThat(Applier.waveNames(plan)).containsExactly(List.of("redis", "minio"), List.of("django"), List.of("nginx"));
    }
}
