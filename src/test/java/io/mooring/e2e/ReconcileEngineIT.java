package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Labels;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestDocker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The reconcile engine against the real engine and registry, through the jar: digests pinned and moved
 * tags found without pulling, nothing stopped when images cannot be made ready, drift reported or healed,
 * hooks gating a rollout, probes, and a pass killed at every step converging on the next.
 */
class ReconcileEngineIT {
    private TenantFixture it;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        it = new TenantFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        it.close();
    }

    private void commit(String image, String vars, String extra) throws Exception {
        it.repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {" + vars + "}\n");
        it.repo.write("components.yml", """
                services:
                  web:
                    image: %s
                    ports: ["127.0.0.1:%d:8080"]
                    volumes: [data:/data]
                %s""".formatted(image, it.port, extra));
        it.repo.commit("web " + image);
    }

    private MooringCli.Result apply(String... extra) throws Exception {
        String[] args = new String[extra.length + 2];
        args[0] = "--health-timeout";
        args[1] = "20";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return it.apply(args);
    }

    private String webId() {
        return it.docker.inspect(it.tenant + "-web").getId();
    }

    @Test
    void aTagThatMovedInTheRegistryIsFoundWithoutPullingAndReplacedWithItsDigestPinned() throws Exception {
        String tag = "moving-" + UUID.randomUUID().toString().substring(0, 8);
        TestDocker.pushAs("1.0", tag);
        String first = TestDocker.registryDigest(tag);
        commit(TestDocker.image(tag), "", "");
        assertThat(apply().exitCode()).isZero();
        assertThat(it.page("/")).isEqualTo("web 1.0");
        Map<String, String> labels = it.docker.inspect(it.tenant + "-web").getConfig().getLabels();
        assertThat(labels).containsEntry(Labels.DIGEST, first).containsEntry(Labels.IMAGE, TestDocker.image(tag));
        assertThat(it.docker.inspect(it.tenant + "-web").getConfig().getImage()).isEqualTo(TestDocker.REGISTRY + "/demo/web@" + first);

        // Someone pushes 1.1 under the same tag; this host's copy of the tag still is 1.0.
        TestDocker.pushAs("1.1", tag);
        TestDocker.cli("tag", TestDocker.image("1.0"), TestDocker.image(tag));
        String moved = TestDocker.registryDigest(tag);
        String localBefore = TestDocker.cli("image", "inspect", "--format", "{{.Id}}", TestDocker.image(tag));

        MooringCli.Result plan = it.run(Map.of(), "plan");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.stdout()).contains("replace  web: digest moved: " + tag + " moved from " + first.substring(0, 19)
                + " to " + moved.substring(0, 19));
        assertThat(TestDocker.cli("image", "inspect", "--format", "{{.Id}}", TestDocker.image(tag))).as("plan pulls nothing")
                .isEqualTo(localBefore);

        MooringCli.Result upgrade = apply();
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.stdout()).contains("(" + moved.substring(0, 19) + ")");
        assertThat(it.page("/")).isEqualTo("web 1.1");
        assertThat(it.docker.inspect(it.tenant + "-web").getConfig().getLabels()).containsEntry(Labels.DIGEST, moved);
        assertThat(apply().stdout()).contains("keep     web: up to date");
    }

    @Test
    void aTagChangeSaysWhichFieldsChangedAndAPlanRendersAsJsonAndMarkdown() throws Exception {
        commit(TestDocker.image("1.0"), "", "    environment: {SECRET: one}\n");
        assertThat(apply().exitCode()).isZero();
        commit(TestDocker.image("1.1"), "", "    environment: {SECRET: two}\n");
        MooringCli.Result json = it.run(Map.of(), "plan", "--format", "json");
        assertThat(json.stdout()).contains("\"action\":\"replace\"").contains("\"reason\":\"tag changed\"")
                .contains("\"detail\":\"1.0 → 1.1; also environment.SECRET\"").doesNotContain("two");
        MooringCli.Result markdown = it.run(Map.of(), "plan", "--format", "markdown");
        assertThat(markdown.stdout()).contains("| web | **replace** | tag changed: 1.0 → 1.1; also environment.SECRET |");
        MooringCli.Result applied = apply();
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(it.page("/")).isEqualTo("web 1.1");
    }

    @Test
    void anUnreachableRegistryOrAFullDiskChangesNothing() throws Exception {
        commit(TestDocker.image("1.0"), "", "");
        assertThat(apply().exitCode()).isZero();
        String before = webId();

        commit("127.0.0.1:5999/demo/web:1.1", "", "");
        MooringCli.Result unreachable = apply();
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(1);
        assertThat(unreachable.stderr()).contains("cannot pull 127.0.0.1:5999/demo/web:1.1");
        assertThat(webId()).isEqualTo(before);
        assertThat(it.docker.inspect(before).getState().getRunning()).isTrue();

        commit(TestDocker.image("1.1"), "", "");
        MooringCli.Result full = apply("--min-free-disk", "999999999999");
        assertThat(full.exitCode()).as(full.toString()).isEqualTo(1);
        assertThat(full.stderr()).contains("MiB free where the engine keeps images");
        assertThat(webId()).isEqualTo(before);
        assertThat(it.page("/")).isEqualTo("web 1.0");
    }

    @Test
    void driftIsReportedUnderReportAndHealedUnderHeal() throws Exception {
        commit(TestDocker.image("1.0"), "mooring_self_heal: report", "");
        assertThat(apply().exitCode()).isZero();
        String deployed = webId();

        TestDocker.cli("stop", "-t", "1", it.tenant + "-web");
        MooringCli.Result stopped = apply();
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(3);
        assertThat(stopped.stdout()).contains("drift    web: drifted: container is exited");
        assertThat(stopped.stderr()).contains("drift reported, not healed (mooring_self_heal: report)");
        assertThat(it.docker.inspect(deployed).getState().getRunning()).as("report changes nothing").isFalse();

        // Recreated by hand with Mooring's labels copied, from another image.
        Map<String, String> labels = it.docker.inspect(deployed).getConfig().getLabels();
        TestDocker.cli("rm", "-f", deployed);
        List<String> run = new java.util.ArrayList<>(List.of("run", "-d", "--name", it.tenant + "-web"));
        labels.forEach((k, v) -> run.addAll(List.of("--label", k + "=" + v)));
        run.add(TestDocker.image("2.0"));
        String byHand = TestDocker.cli(run.toArray(String[]::new));
        MooringCli.Result recreated = it.run(Map.of(), "plan");
        assertThat(recreated.stdout()).contains("drift    web: drifted: recreated outside Mooring (Mooring deployed "
                + deployed.substring(0, 12)).contains("runs image " + TestDocker.image("2.0"));

        commit(TestDocker.image("1.0"), "mooring_self_heal: heal", "");
        MooringCli.Result healed = apply();
        assertThat(healed.exitCode()).as(healed.toString()).isZero();
        assertThat(healed.stdout()).contains("replace  web: drifted: recreated outside Mooring");
        assertThat(webId()).isNotEqualTo(byHand);
        assertThat(it.page("/")).isEqualTo("web 1.0");

        TestDocker.cli("rm", "-f", it.tenant + "-web");
        MooringCli.Result removed = apply();
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.stdout()).contains("create   web: drifted: container").contains("was removed outside Mooring");
        assertThat(it.page("/boots")).as("the volume kept every boot").contains("1.0\n1.0\n");
    }

    @Test
    void aFailingHookStopsTheRolloutAndNothingAfterItGoes() throws Exception {
        String hooks = """
                    x-mooring:
                      hooks:
                        before: [{name: migrate, command: ["sh", "-c", "echo migrating; exit %s"]}]
                        after: [{name: check, command: ["sh", "-c", "test -d /data"]}]
                  app:
                    image: %s
                    depends_on: [web]
                    command: ["sh", "-c", "exec sleep 3600"]
                    healthcheck: {disable: true}
                """;
        commit(TestDocker.image("1.0"), "", hooks.formatted("0", TestDocker.image("1.0")));
        MooringCli.Result first = apply();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String web = webId();
        String app = it.docker.inspect(it.tenant + "-app").getId();

        commit(TestDocker.image("1.1"), "", hooks.formatted("7", TestDocker.image("1.1")));
        MooringCli.Result failed = apply();
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.stderr()).contains("before hook migrate exited with code 7 (last output: migrating)")
                .contains("nothing was changed");
        assertThat(failed.stdout()).contains("app: not started: a component it comes after failed");
        assertThat(webId()).isEqualTo(web);
        assertThat(it.docker.inspect(it.tenant + "-app").getId()).isEqualTo(app);
        assertThat(it.page("/")).isEqualTo("web 1.0");
        assertThat(it.containers()).as("no hook container is left").hasSize(2);
    }

    @Test
    void outsideTheMaintenanceWindowAChangeIsPlannedAndReportedButNotApplied() throws Exception {
        commit(TestDocker.image("1.0"), "", "");
        assertThat(apply().exitCode()).isZero();
        String before = webId();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        commit(TestDocker.image("1.1"), "mooring_maintenance_window: \"" + tomorrow + " 03:00-03:30 UTC\"", "");
        MooringCli.Result waits = apply();
        assertThat(waits.exitCode()).as(waits.toString()).isEqualTo(3);
        assertThat(waits.stdout()).contains("replace  web: tag changed: 1.0 → 1.1");
        assertThat(waits.stderr()).contains("1 change(s) wait for the maintenance window (" + tomorrow + " 03:00-03:30 UTC)")
                .contains("it next opens at").contains("nothing was changed");
        assertThat(webId()).isEqualTo(before);

        MooringCli.Result now = apply("--ignore-maintenance-window");
        assertThat(now.exitCode()).as(now.toString()).isZero();
        assertThat(it.page("/")).isEqualTo("web 1.1");
    }

    @Test
    void aProbeGatesTheRolloutInsteadOfTheImageHealthcheck() throws Exception {
        String probe = "    x-mooring:\n      probe: {http: {port: 8080, path: /boots}, timeout: 15s, interval: 500ms}\n";
        commit(TestDocker.image("unhealthy"), "", probe);
        MooringCli.Result passes = apply();
        assertThat(passes.exitCode()).as("the probe passes though the HEALTHCHECK fails: " + passes).isZero();

        commit(TestDocker.image("1.1"), "", "    x-mooring:\n      probe: {tcp: {port: 9999}, timeout: 3s}\n");
        MooringCli.Result fails = apply();
        assertThat(fails.exitCode()).as(fails.toString()).isEqualTo(1);
        assertThat(fails.stderr()).contains("did not pass its tcp probe on port 9999 within 3s").contains("rolled back");
        assertThat(it.page("/")).isEqualTo("web unhealthy");
    }

    /**
     * One tenant, killed in turn after each step of a replace (the way {@code kill -9} would: no finally
     * blocks, no shutdown hooks), alternating between two tags; after every kill the next pass converges
     * with one container of the committed tag serving and the volume kept. Last, a component's removal is
     * killed after its container went: the next pass finishes it, and the component added back later is
     * created even under self-heal report (a removal left half recorded would read as drift).
     */
    @TestFactory
    Stream<DynamicTest> anApplyKilledAtAnyStepConvergesOnTheNextPass() throws Exception {
        commit(TestDocker.image("1.0"), "", "");
        assertThat(apply().exitCode()).isZero();
        List<String> steps = List.of("created", "old-stopped", "started", "old-renamed", "healthy", "new-renamed", "old-removed");
        AtomicInteger round = new AtomicInteger();
        String last = steps.size() % 2 == 1 ? "1.1" : "1.0";
        return Stream.concat(steps.stream().map(step -> DynamicTest.dynamicTest("killed after " + step, () -> {
            String version = round.incrementAndGet() % 2 == 1 ? "1.1" : "1.0";
            commit(TestDocker.image(version), "", "");

            MooringCli.Result killed = it.run(Map.of("MOORING_CRASH_AFTER", step), "apply", "--health-timeout", "20");
            assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);

            MooringCli.Result next = apply();
            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(it.containers()).containsExactly(it.tenant + "-web " + TestDocker.image(version) + " running");
            assertThat(it.page("/")).isEqualTo("web " + version);
            assertThat(it.page("/boots")).as("the volume survived").startsWith("1.0\n");
            if (round.get() == steps.size()) {
                assertThat(apply().stdout()).contains("keep     web: up to date");
            }
        })), Stream.of(DynamicTest.dynamicTest("killed after removed, then added back under self-heal report",
                () -> removalKilledThenAddedBack(last))));
    }

    private void removalKilledThenAddedBack(String version) throws Exception {
        String app = """
                  app:
                    image: %s
                    command: ["sh", "-c", "exec sleep 3600"]
                    healthcheck: {disable: true}
                """.formatted(TestDocker.image(version));
        String web = it.tenant + "-web " + TestDocker.image(version) + " running";
        commit(TestDocker.image(version), "", app);
        assertThat(apply().exitCode()).isZero();

        commit(TestDocker.image(version), "", "");
        MooringCli.Result killed = it.run(Map.of("MOORING_CRASH_AFTER", "removed"), "apply", "--health-timeout", "20");
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        MooringCli.Result next = apply();
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(it.containers()).containsExactly(web);

        commit(TestDocker.image(version), "mooring_self_heal: report", app);
        MooringCli.Result back = apply();
        assertThat(back.exitCode()).as(back.toString()).isZero();
        assertThat(back.stdout()).contains("create   app: missing");
        assertThat(it.containers()).containsExactly(it.tenant + "-app " + TestDocker.image(version) + " running", web);
    }
}
