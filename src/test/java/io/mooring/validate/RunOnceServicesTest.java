package io.mooring.validate;

import static io.mooring.validate.ComposeCorpusTest.containers;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.Guardrails;
import io.mooring.source.FileTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service another waits for with {@code condition: service_completed_successfully} runs once: the corpus's error tracker
 * migrates its database that way before its web and worker start.
 */
class RunOnceServicesTest {
    @Test
    void theMigrationOthersWaitForToCompleteRunsOnceAndIsNotRestartedByTheEngine() {
        Map<String, DesiredContainer> c = containers("glitchtip");
        DesiredContainer migrate = c.get("migrate");
        assertThat(migrate.rollout().runOnce()).isTrue();
        assertThat(migrate.restart()).isEqualTo("no");
        assertThat(migrate.command()).containsExactly("./manage.py", "migrate");
        assertThat(migrate.dependsOn()).containsExactlyInAnyOrder("postgres", "redis");
        assertThat(c.get("web").dependsOn()).containsExactlyInAnyOrder("postgres", "redis", "migrate");
        assertThat(c.get("worker").dependsOn()).contains("migrate");
        assertThat(c.values()).filteredOn(d -> !d.component().equals("migrate")).allSatisfy(d -> {
            assertThat(d.rollout().runOnce()).as(d.component()).isFalse();
            assertThat(d.restart()).as(d.component()).isEqualTo("unless-stopped");
        });
        assertThat(c.get("web").environment()).containsEntry("SECRET_KEY", "change-me-to-fifty-random-characters");
    }

    @Test
    void aServiceWaitedForToCompleteMayNotBeRestartedByTheEngine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inventory.yml"), "all:\n  hosts:\n    node-1: {}\n");
        Files.writeString(dir.resolve("components.yml"), """
                services:
                  seed:
                    image: 127.0.0.1:5000/demo/web:1.0
                    command: [sh, -c, "echo seeded"]
                    restart: on-failure
                  web:
                    image: 127.0.0.1:5000/demo/web:1.0
                    depends_on:
                      seed: {condition: service_completed_successfully}
                """);
        Validator.Result result = Validator.tenant(new FileTree(dir), "acme", Guardrails.defaults());
        assertThat(result.problems()).extracting(p -> Validator.format("", p)).containsExactly("components.yml:5:14: services.seed.restart:"
                + " on-failure cannot be kept: services.web waits for seed to complete (condition: service_completed_successfully),"
                + " so Mooring runs it once and a restarted container never completes; remove restart: or write restart: \"no\"");
    }

    @Test
    void restartNoWrittenOutIsWhatARunOnceServiceGetsAnyway(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inventory.yml"), "all:\n  hosts:\n    node-1: {}\n");
        Files.writeString(dir.resolve("components.yml"), """
                services:
                  seed:
                    image: 127.0.0.1:5000/demo/web:1.0
                    restart: "no"
                  web:
                    image: 127.0.0.1:5000/demo/web:1.0
                    depends_on:
                      seed: {condition: service_completed_successfully}
                """);
        Validator.Result result = Validator.tenant(new FileTree(dir), "acme", Guardrails.defaults());
        assertThat(result.problems()).isEmpty();
        assertThat(result.hosts().get("node-1").containers()).filteredOn(d -> d.component().equals("seed"))
                .singleElement().satisfies(d -> assertThat(d.rollout().runOnce()).isTrue());
    }

    private static java.util.List<String> problems(Path dir, String inventory, String components) throws Exception {
        Files.writeString(dir.resolve("inventory.yml"), inventory);
        Files.writeString(dir.resolve("components.yml"), components);
        return Validator.tenant(new FileTree(dir), "acme", Guardrails.defaults()).problems().stream()
                .map(p -> Validator.format("", p)).toList();
    }

    @Test
    void aProbeOrAHealthyConditionOnAServiceThatRunsOnceIsRefused(@TempDir Path dir) throws Exception {
        assertThat(problems(dir, "all:\n  hosts:\n    node-1: {}\n", """
                services:
                  seed:
                    image: 127.0.0.1:5000/demo/web:1.0
                    x-mooring:
                      probe: {tcp: {port: 8080}}
                  web:
                    image: 127.0.0.1:5000/demo/web:1.0
                    depends_on:
                      seed: {condition: service_completed_successfully}
                  worker:
                    image: 127.0.0.1:5000/demo/web:1.0
                    depends_on:
                      seed: {condition: service_healthy}
                """)).containsExactlyInAnyOrder(
                "components.yml:5:7: services.seed.x-mooring.probe: seed runs once (another service waits for it to complete), so its"
                        + " rollout waits for it to exit with code 0 and no probe is asked; remove the probe",
                "components.yml:13:7: services.worker.depends_on.seed.condition: service_healthy never holds for seed, which runs once"
                        + " and exits (another service waits for it to complete); write condition: service_completed_successfully");
    }

    @Test
    void whatWaitsForARunMustRunOnTheSameHostAsTheRun(@TempDir Path dir) throws Exception {
        assertThat(problems(dir, "all:\n  hosts:\n    db-1: {}\n    app-1: {}\n  children:\n    db: {hosts: {db-1: null}}\n"
                + "    app: {hosts: {app-1: null}}\n", """
                services:
                  migrate:
                    image: 127.0.0.1:5000/demo/web:1.0
                    x-mooring: {roles: [db]}
                  web:
                    image: 127.0.0.1:5000/demo/web:1.0
                    x-mooring: {roles: [app]}
                    depends_on:
                      migrate: {condition: service_completed_successfully}
                """)).containsExactly("components.yml:9:7: services.web waits for migrate to complete on host app-1, where migrate does"
                + " not run; an agent sees only its own host's runs: give migrate the roles of web (x-mooring.roles)");
    }
}
