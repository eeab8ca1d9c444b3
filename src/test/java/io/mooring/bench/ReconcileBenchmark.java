package io.mooring.bench;

import static io.mooring.bench.Peers.dockerHost;
import static io.mooring.bench.Peers.median;
import static io.mooring.bench.Peers.millis;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.bench.Peers.Result;
import io.mooring.bench.Peers.Step;
import io.mooring.wiring.Wiring;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.Guardrails;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.Selection;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import io.mooring.state.StateStore;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Side by side in one run, on the same 10-component tenant (busybox httpd with a HEALTHCHECK, a named
 * volume each, images already local): Mooring, {@code docker-compose up -d} and an Ansible
 * {@code community.docker} playbook. For each, a no-op pass and a one-tag upgrade until the new container
 * is healthy; for Mooring also its overhead beyond pull, stop, start and the wait for health, and a no-op
 * pass over 100 tenants. It prints figures and ratios; it does not time-assert.
 *
 * <p>Mooring runs as the agent does: one long-lived process (warmed up by a few passes before it is
 * timed), its state in the agent's pooled H2 database, registry digests reused for the agent's default
 * {@code registryCheckInterval}. The no-op with the registry asked on every pass, as {@code mooring apply}
 * does, is printed too.
 */
class ReconcileBenchmark {
    private static final int COMPONENTS = Peers.COMPONENTS;
    private static final int MOORING_WARMUP = 10;
    private static final int MOORING_NOOP_RUNS = 21;
    /** c05's tags in turn: the first is the upgrade the peers make too; the others give a median. */
    private static final List<String> UPGRADE_VERSIONS = List.of("1.1", "1.0", "1.1", "1.0", "1.1", "1.0", "1.1");
    private static final Duration AGENT_REGISTRY_CHECK = new io.mooring.config.RolloutConfig().getRegistryCheckInterval().toJavaDuration();
    private static final int TENANTS = 100;

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void mooringAgainstComposeAndAnsible(@TempDir Path tmp) throws Exception {
        Result mooring = mooring(tmp.resolve("mooring"));
        Result compose = Peers.compose(tmp.resolve("compose"), run);
        Result ansible = Peers.ansible(tmp.resolve("ansible"), run);
        print("mooring", mooring);
        print("docker-compose", compose);
        print("ansible", ansible);
        System.out.printf("benchmark reconcile: no-op ratio: compose/mooring %.1fx, ansible/mooring %.1fx (goal: compose at least 20x);"
                        + " with the registry asked on every pass: compose/mooring %.1fx%n",
                compose.noopMillis() / mooring.noopMillis(), ansible.noopMillis() / mooring.noopMillis(), compose.noopMillis() / mooring.noopAskingMillis());
        System.out.printf("benchmark reconcile: upgrade ratio: compose/mooring %.2fx, ansible/mooring %.2fx%n",
                compose.upgradeMillis() / (double) mooring.upgradeMillis(), ansible.upgradeMillis() / (double) mooring.upgradeMillis());
        manyTenants(tmp.resolve("many"));
    }

    private static void print(String tool, Result r) {
        System.out.printf("benchmark reconcile: %-14s create %,6d ms | no-op %,9.1f ms | c05 1.0->1.1 until healthy %,6d ms%s%n",
                tool, r.createMillis(), r.noopMillis(), r.upgradeMillis(), r.extra());
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
        ManagedDataSource database = database(dir);
        try (TimedSource source = new TimedSource(Wiring.source(repo.dir().toString(), dir.resolve("home")))) {
            StateStore store = Wiring.store(database);
            Reconciler asking = reconciler(source, engine, store, Duration.ZERO);
            long create = millis(() -> converged(asking.reconcile(tenant, null, p -> { }, Reconciler.Request.EXPLICIT)));
            Reconciler agent = reconciler(source, engine, store, AGENT_REGISTRY_CHECK);
            Step noopPass = () -> converged(agent.reconcile(tenant, null, p -> { }, Reconciler.Request.EXPLICIT));
            Step noopAsking = () -> converged(asking.reconcile(tenant, null, p -> { }, Reconciler.Request.EXPLICIT));
            long first = millis(noopPass);
            median(MOORING_WARMUP, noopAsking);
            double noop = median(MOORING_NOOP_RUNS, noopPass);
            double noopAsked = median(MOORING_NOOP_RUNS, noopAsking);

            List<Upgrade> upgrades = new ArrayList<>();
            for (String version : UPGRADE_VERSIONS) {
                upgrades.add(upgrade(repo, engine, source, agent, tenant, version));
            }
            Upgrade headline = upgrades.get(0);
            StringBuilder extra = new StringBuilder(String.format("%n  mooring: no-op as the agent runs it (registry digests reused for %s),"
                            + " median of %d after %d warm-up passes; the first no-op after create %,d ms; with the registry asked on every"
                            + " pass %,.1f ms", AGENT_REGISTRY_CHECK, MOORING_NOOP_RUNS, MOORING_WARMUP, first, noopAsked));
            for (Upgrade u : upgrades) {
                extra.append(String.format("%n  mooring: c05 -> %s as the agent runs it %,d ms = pull %,d + stop %,d + start %,d + health %,d ms"
                        + " of work (health: until the engine's first passing check) + overhead %,d ms:%n      %s", u.version, u.millis,
                        u.pull, u.stop, u.start, u.health, u.overhead(), u.whereTheOverheadGoes()));
            }
            List<Long> overheads = upgrades.stream().map(Upgrade::overhead).sorted().toList();
            extra.append(String.format("%n  mooring: upgrade overhead beyond pull, stop, start and health: median %,d ms of %d upgrades"
                    + " (goal < 100 ms)", overheads.get(overheads.size() / 2), overheads.size()));
            long upgradeMillis = headline.millis;
            return new Result(create, noop, upgradeMillis, extra.toString(), noopAsked);
        } finally {
            List<String> volumes = new ArrayList<>();
            for (int i = 1; i <= COMPONENTS; i++) {
                volumes.add(String.format("%s_data-c%02d", tenant, i));
            }
            try (TestDocker docker = new TestDocker()) {
                docker.removeTenant(tenant, volumes.toArray(String[]::new));
            }
            engine.close();
            database.stop();
            repo.close();
        }
    }

    /** One upgrade of c05 until healthy: the pass's time, the engine's work in it, and the pass's other engine calls. */
    private record Upgrade(String version, long millis, long pull, long stop, long start, long health, Map<String, Long> calls,
                           long fetch, long notice, Map<String, Long> beside) {
        private static final List<String> WORK = List.of("pull", "stop", "start");

        long overhead() {
            return millis - pull - stop - start - health;
        }

        String whereTheOverheadGoes() {
            long engineCalls = calls.values().stream().mapToLong(Long::longValue).sum();
            return String.format("engine calls %,d ms (%s) + Git fetch %,d ms + noticing health %,d ms + reading, planning, the state"
                    + " database and waiting for calls made beside (%s) %,d ms", engineCalls, list(calls), fetch, notice, list(beside),
                    overhead() - engineCalls - fetch - notice);
        }

        private static String list(Map<String, Long> millis) {
            StringBuilder out = new StringBuilder();
            millis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
            return out.toString();
        }
    }

    private static Upgrade upgrade(TestRepo repo, TimedEngine engine, TimedSource source, Reconciler reconciler, String tenant,
                                   String version) throws Exception {
        repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {c05_version: \"" + version + "\"}\n");
        repo.commit("c05 " + version);
        engine.reset();
        source.reset();
        long start = System.nanoTime();
        PassRecord upgrade = converged(reconciler.reconcile(tenant, null, p -> { }, Reconciler.Request.EXPLICIT));
        long millis = (System.nanoTime() - start) / 1_000_000 - engine.measuringMillis();
        assertThat(upgrade.message()).contains("1 change(s) applied");
        return new Upgrade(version, millis, engine.millis("pull"), engine.millis("stop"), engine.millis("start"), engine.healthMillis(),
                engine.otherCalls(Upgrade.WORK), source.millis(), engine.noticeMillis(), engine.callsBeside());
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
        // A network each: more than the engine's default address pools hold, so from a pool of the agent's (networks.pool).
        DockerEngine engine = new DockerEngine(dockerHost(), List.of(), DockerEngine.DEFAULT_PULL_TIMEOUT, Optional.of(TestDocker.networkPool()));
        ManagedDataSource database = database(dir);
        try (GitSource source = Wiring.source(repo.dir().toString(), dir.resolve("home"))) {
            StateStore store = Wiring.store(database);
            Reconciler asking = reconciler(source, engine, store, Duration.ZERO);
            long create = millis(() -> asking.reconcileAll(Selection.all(null)).passes().forEach(ReconcileBenchmark::converged));
            Reconciler agent = reconciler(source, engine, store, AGENT_REGISTRY_CHECK);
            agent.reconcileAll(Selection.all(null));
            double noop = median(3, () -> agent.reconcileAll(Selection.all(null)).passes().forEach(ReconcileBenchmark::converged));
            double noopAsked = median(3, () -> asking.reconcileAll(Selection.all(null)).passes().forEach(ReconcileBenchmark::converged));
            double quiet = median(3, () -> agent.reconcileAll(Selection.all(null).skipping((t, rev) -> true)));
            System.out.printf("benchmark reconcile: %d tenants (1 component each): create %,d ms; no-op pass as the agent runs it %,.0f ms"
                            + " (%.1f ms a tenant); with the registry asked on every pass %,.0f ms (%.1f ms a tenant);"
                            + " agent pass when the event stream saw nothing %,.1f ms%n",
                    TENANTS, create, noop, noop / TENANTS, noopAsked, noopAsked / TENANTS, quiet);
        } finally {
            try (TestDocker docker = new TestDocker()) {
                tenants.forEach(t -> docker.removeTenant(t));
            }
            engine.close();
            database.stop();
            repo.close();
        }
    }

    private static Reconciler reconciler(GitSource source, io.mooring.engine.Engine engine, StateStore store, Duration registryCheck) {
        return new Reconciler(new Reconciler.Ports(source, engine, store), "node-a", Clock.systemUTC(),
                new Reconciler.Settings(Guardrails.defaults(), Duration.ofSeconds(60), 4, 0, registryCheck, SignaturePolicy.OFF));
    }

    /** The agent's own state database: H2 in its home folder, through Dropwizard's connection pool. */
    private static ManagedDataSource database(Path dir) throws Exception {
        ManagedDataSource database = Wiring.embeddedDatabase(dir.resolve("home")).build(new MetricRegistry(), "state");
        database.start();
        return database;
    }

    private static PassRecord converged(PassRecord pass) {
        assertThat(pass.status()).as(pass.message()).isEqualTo(PassStatus.CONVERGED);
        return pass;
    }
}
