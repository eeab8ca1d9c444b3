package io.mooring.plan;

import static io.mooring.plan.SwarmPlannerTest.D1;
import static io.mooring.plan.SwarmPlannerTest.FIELDS;
import static io.mooring.plan.SwarmPlannerTest.have;
import static io.mooring.plan.SwarmPlannerTest.want;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ObservedService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwarmPlanTextTest {
    private static SwarmPlan plan() {
        ObservedService rolledBack = have("db", "postgres:16", D1, "d1", FIELDS, "paused", "task exited | code 3", 2,
                "postgres:16@" + D1);
        return SwarmPlanner.plan("acme", "m1", SwarmPlannerTest.REV,
                List.of(want("web", "demo/web:1.1", "h2"), want("api", "demo/api:1", "a1"), want("db", "postgres:16", "d1"),
                        want("cache", "redis:7", "c1")),
                List.of(have("web", "demo/web:1.0", "h1"), rolledBack, have("cache", "redis:7", "c1"), have("old", "demo/old:1", "o1")),
                new Facts(Map.of(), Map.of(), Facts.SelfHeal.HEAL));
    }

    @Test
    void theTerminalReadsOneLinePerServiceWithItsReasons() {
        assertThat(SwarmPlanText.render(plan())).isEqualTo("""
                tenant acme on swarm (manager m1) at 0123456789ab (web 1.1)
                  update   web: tag changed: 1.0 → 1.1
                  create   api: missing
                  keep     db: last update paused: task exited | code 3
                  keep     cache: up to date
                  remove   old: no longer desired
                """);
        assertThat(SwarmPlanText.render(new SwarmPlan("acme", "m1", SwarmPlannerTest.REV, List.of())))
                .endsWith("  nothing runs on the swarm for this tenant\n");
    }

    @Test
    void aPullRequestGetsATableWithItsCellsEscaped() {
        assertThat(SwarmPlanText.markdown(plan())).isEqualTo("""
                ### acme on swarm (manager `m1`) at `0123456789ab`

                3 changes.

                | component | action | reason |
                |---|---|---|
                | web | **update** | tag changed: 1.0 → 1.1 |
                | api | **create** | missing |
                | db | keep | last update paused: task exited \\| code 3 |
                | cache | keep | up to date |
                | old | **remove** | no longer desired |
                """);
    }

    @Test
    void aReviewShowsWhatChangesAndAFailedUpdateAndCountsTheRest() {
        assertThat(SwarmPlanText.reviewSection(plan())).isEqualTo("""

                ### acme on swarm (manager `m1`)

                | component | action | reason |
                |---|---|---|
                | web | **update** | tag changed: 1.0 → 1.1 |
                | api | **create** | missing |
                | db | keep | last update paused: task exited \\| code 3 |
                | old | **remove** | no longer desired |

                1 unchanged.
                """);
    }

    @Test
    void scriptsGetEachActionWithItsServiceAndHowTheLastUpdateEnded() {
        String json = SwarmPlanText.json(plan());
        assertThat(json).startsWith("{\"actions\":[{\"action\":\"update\",\"component\":\"web\",\"detail\":\"1.0 → 1.1\","
                + "\"image\":\"demo/web:1.1\",\"lastUpdate\":null,\"reason\":\"tag changed\",\"service\":\"acme-web\"}");
        assertThat(json).contains("\"lastUpdate\":\"last update paused: task exited | code 3\"")
                .contains("{\"action\":\"create\",\"component\":\"api\",\"detail\":\"\",\"image\":\"demo/api:1\",\"lastUpdate\":null,"
                        + "\"reason\":\"missing\",\"service\":\"acme-api\"}")
                .endsWith("\"changes\":3,\"manager\":\"m1\",\"revision\":\"0123456789abcdef\",\"subject\":\"web 1.1\",\"tenant\":\"acme\"}");
    }
}
