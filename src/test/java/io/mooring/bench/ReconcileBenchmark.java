package io.mooring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.Wiring;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.Guardrails;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Side by side in one run, on the same 10-component tenant (busybox httpd with a HEALTHCHECK, a named
 * volume each, images already local): Mooring, {@code docker-compose up -d} and an Ansible
 * {@code community.docker} playbook. For each, a no-op pass and a one-tag upgrade until the new container
 * is healthy; for Mooring also its overhead beyond pull, stop, start and the wait for health, and a no-op
 * pass over 100 tenants. It prints figures and ratios; it does not time-assert.
 */
class ReconcileBenchmark {
    private static final int COMPONENTS = 10;
    private static final int NOOP_RUNS = 5;
    private static final int TENANTS = 100;
    private static final Path RESOURCES = Path.of("src/test/resources/bench");

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void mooringAgainstComposeAndAnsible(@TempDir Path tmp) throws Exception {
        Result mooring = mooring(tmp.resolve("mooring"));
        Result compose = compose(tmp.resolve("compose"));
        Result ansible = ansible(tmp.resolve("ansible"));
        print("mooring", mooring);
        print("docker-compose", compose);
        print("ansible", ansible);
        System.out.printf("benchmark reconcile: no-op ratio: compose/mooring %.1fx, ansible/mooring %.1fx (goal: compose at least 20x)%n",
                compose.noopMillis / Math.max(1.0, mooring.noopMillis), ansible.noopMillis / Math.max(1.0, mooring.noopMillis));
        System.out.printf("benchmark reconcile: upgrade ratio: compose/mooring %.2fx, ansible/mooring %.2fx%n",
                compose.upgradeMillis / (double) mooring.upgradeMillis, ansible.upgradeMillis / (double) mooring.upgradeMillis);
        manyTenants(tmp.resolve("many"));
    }

    private record Result(long createMillis, double noopMillis, long upgradeMillis, String extra) {
    }

    private static void print(String tool, Result r) {
        System.out.printf("benchmark reconcile: %-14s create %,6d ms | no-op median %,9.1f ms | c05 1.0->1.1 until healthy %,6d ms%s%n",
                tool, r.createMillis, r.noopMillis, r.upgradeMillis, r.extra);
    }

    // ---- Mooring, in process on a warm JVM ----

    private Result mooring(Path dir) throws Exception {
        String tenant = "bench-" + run;
        TestRepo repo = new TestRepo(dir.resolve("config"));
        StringBuilder components = new StringBuilder("services:\n");
        for (int i = 1; i <= COMPONENTS; i++) {
            String c = String.format("c%02d", i);
            components.append("  ").append(c).append(":\n    image: ").append(TestDocker.REGISTRY).append("/demo/web:${").append(c)
                    .append("_version:-1.0}\n    volumes: [data-").append(c).append(":/data]\n");
        }
        repo.write("components.yml", components.toString());
        repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n");
        repo.commit("bench tenant");
        TimedEngine engine = new TimedEngine(new DockerEngine(dockerHost()));
        try (GitSource source = Wiring.source(repo.dir().toString(), dir.resolve("home"))) {
            Reconciler fresh = reconciler(source, engine, store(dir), Duration.ZERO);
            long create = millis(() -> converged(fresh.reconcile(tenant, null, p -> { })));
            double noop = median(NOOP_RUNS, () -> converged(fresh.reconcile(tenant, null, p -> { })));
            Reconciler cached = reconciler(source, engine, store(dir), Duration.ofMinutes(5));
            converged(cached.reconcile(tenant, null, p -> { }));
            double noopCached = median(NOOP_RUNS, () -> converged(cached.reconcile(tenant, null, p -> { })));

            repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {c05_version: \"1.1\"}\n");
            repo.commit("c05 1.1");
            engine.reset();
            long start = System.nanoTime();
            PassRecord upgrade = converged(fresh.reconcile(tenant, null, p -> { }));
            long upgradeMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(upgrade.message()).contains("1 change(s) applied");
            long work = engine.workMillis();
            String extra = String.format("%n  mooring: no-op with registry digests cached %,.1f ms; upgrade = pull %,d + stop %,d + start %,d"
                            + " + health %,d ms of work, overhead %,d ms (goal < 100 ms)", noopCached, engine.pullNanos.get() / 1_000_000,
                    engine.stopNanos.get() / 1_000_000, engine.startNanos.get() / 1_000_000, engine.healthNanos.get() / 1_000_000,
                    upgradeMillis - work);
            return new Result(create, noop, upgradeMillis, extra);
        } finally {
            List<String> volumes = new ArrayList<>();
            for (int i = 1; i <= COMPONENTS; i++) {
                volumes.add(String.format("%s_data-c%02d", tenant, i));
            }
            try (TestDocker docker = new TestDocker()) {
                docker.removeTenant(tenant, volumes.toArray(String[]::new));
            }
            engine.close();
            repo.close();
        }
    }

    /** A no-op pass over 100 one-component tenants at one revision: what an agent with many tenants pays per interval. */
    private void manyTenants(Path dir) throws Exception {
        TestRepo repo = new TestRepo(dir.resolve("config"));
        // No HEALTHCHECK here: a hundred containers checked every second would load this 2-core engine; a tcp probe gates instead.
        repo.write("components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n    healthcheck: {disable: true}\n"
                + "    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n");
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            String tenant = String.format("bench-%s-%03d", run, i);
            tenants.add(tenant);
            repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n");
        }
        repo.commit(TENANTS + " tenants");
        DockerEngine engine = new DockerEngine(dockerHost());
        try (GitSource source = Wiring.source(repo.dir().toString(), dir.resolve("home"))) {
            Reconciler fresh = reconciler(source, engine, store(dir), Duration.ZERO);
            long create = millis(() -> fresh.reconcileAll(List.of(), null).forEach(ReconcileBenchmark::converged));
            double noop = median(3, () -> fresh.reconcileAll(List.of(), null).forEach(ReconcileBenchmark::converged));
            Reconciler cached = reconciler(source, engine, store(dir), Duration.ofMinutes(5));
            cached.reconcileAll(List.of(), null);
            double noopCached = median(3, () -> cached.reconcileAll(List.of(), null).forEach(ReconcileBenchmark::converged));
            double quiet = median(3, () -> cached.reconcileAll(List.of(), null, (t, rev) -> true));
            System.out.printf("benchmark reconcile: %d tenants (1 component each): create %,d ms; no-op pass %,.0f ms (%.1f ms a tenant);"
                            + " with registry digests cached %,.0f ms (%.1f ms a tenant); agent pass when the event stream saw nothing %,.1f ms%n",
                    TENANTS, create, noop, noop / TENANTS, noopCached, noopCached / TENANTS, quiet);
        } finally {
            try (TestDocker docker = new TestDocker()) {
                tenants.forEach(t -> docker.removeTenant(t));
            }
            engine.close();
            repo.close();
        }
    }

    private static Reconciler reconciler(GitSource source, io.mooring.engine.Engine engine, StateStore store, Duration registryCheck) {
        return new Reconciler(source, engine, store, "node-a", Clock.systemUTC(),
                new Reconciler.Settings(Guardrails.defaults(), Duration.ofSeconds(60), 4, 0, registryCheck));
    }

    private static StateStore store(Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("state") + ";DB_CLOSE_ON_EXIT=FALSE");
        h2.setUser("mooring");
        return Wiring.store(h2);
    }

    private static PassRecord converged(PassRecord pass) {
        assertThat(pass.status()).as(pass.message()).isEqualTo(PassStatus.CONVERGED);
        return pass;
    }

    // ---- docker-compose ----

    private Result compose(Path dir) throws Exception {
        Files.createDirectories(dir);
        String project = "benchcompose" + run;
        Files.copy(RESOURCES.resolve("compose.yml"), dir.resolve("compose.yml"));
        List<String> up = List.of("docker-compose", "-f", dir.resolve("compose.yml").toString(), "-p", project, "up", "-d");
        try {
            long create = millis(() -> sh(Map.of(), up));
            awaitHealthy(project + "_c%02d_1");
            double noop = median(NOOP_RUNS, () -> sh(Map.of(), up));
            String old = TestDocker.cli("inspect", "-f", "{{.Id}}", project + "_c05_1");
            long upgrade = millis(() -> {
                sh(Map.of("C05_TAG", "1.1"), up);
                awaitReplacedAndHealthy(project + "_c05_1", old);
            });
            return new Result(create, noop, upgrade, "");
        } finally {
            sh(Map.of(), List.of("docker-compose", "-f", dir.resolve("compose.yml").toString(), "-p", project, "down", "-v", "--timeout", "1"));
        }
    }

    // ---- Ansible community.docker ----

    private Result ansible(Path dir) throws Exception {
        Files.createDirectories(dir);
        String project = "benchansible" + run;
        Files.copy(RESOURCES.resolve("playbook.yml"), dir.resolve("playbook.yml"));
        Map<String, String> env = Map.of("ANSIBLE_HOME", dir.resolve(".ansible").toString(), "ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3",
                "ANSIBLE_NOCOLOR", "1", "ANSIBLE_RETRY_FILES_ENABLED", "0", "ANSIBLE_LOCALHOST_WARNING", "0",
                "ANSIBLE_INVENTORY_UNPARSED_WARNING", "0");
        List<String> play = List.of("ansible-playbook", "-i", "localhost,", dir.resolve("playbook.yml").toString(), "-e", "project=" + project);
        try {
            long create = millis(() -> sh(env, play));
            awaitHealthy(project + "_c%02d");
            double noop = median(3, () -> sh(env, play));
            String old = TestDocker.cli("inspect", "-f", "{{.Id}}", project + "_c05");
            List<String> upgradePlay = new ArrayList<>(play);
            upgradePlay.addAll(List.of("-e", "c05_tag=1.1"));
            long upgrade = millis(() -> {
                sh(env, upgradePlay);
                awaitReplacedAndHealthy(project + "_c05", old);
            });
            return new Result(create, noop, upgrade, "  (no-op median of 3)");
        } finally {
            List<String> teardown = new ArrayList<>(play);
            teardown.addAll(List.of("-e", "state=absent"));
            sh(env, teardown);
        }
    }

    // ---- helpers ----

    private static void awaitHealthy(String namePattern) throws Exception {
        for (int i = 1; i <= COMPONENTS; i++) {
            awaitReplacedAndHealthy(String.format(namePattern, i), "");
        }
    }

    private static void awaitReplacedAndHealthy(String name, String oldId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                String[] state = TestDocker.cli("inspect", "-f", "{{.Id}} {{.State.Health.Status}}", name).split(" ");
                if (!state[0].equals(oldId) && state[1].equals("healthy")) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // replaced: the name is briefly free
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " was not healthy within 120 s");
    }

    private static String sh(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("DOCKER_HOST");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long millis(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static double median(int runs, Step step) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            step.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(null);
        return times.get(runs / 2);
    }

    private static String dockerHost() {
        String host = System.getenv("DOCKER_HOST");
        return host != null ? host : "unix:///var/run/docker.sock";
    }
}
