package io.mooring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.bench.Measured.Agent;
import io.mooring.bench.Measured.Idle;
import io.mooring.bench.Measured.Way;
import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestEngines;
import io.mooring.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent and the command line as a host runs them, beside the same with the JVM's defaults ({@code java -jar}, no
 * options, no class-data archive) and, for a no-op apply, {@code docker-compose up -d}. Two agents of 100 one-component
 * tenants each (the launcher's on the main engine, the defaults' on engine 2, so that neither waits for the other's
 * engine lock): start to a healthy {@code /healthcheck}, first on an empty home and again as after a restart (each
 * agent's restarts with only its own tenants' containers on the machine); then, a minute after both have been started
 * again, CPU over a minute idle at the default interval and resident memory at its end. The commands
 * ({@link FootprintCommands}, on an engine of their own) are measured in that first minute, once the agents' first
 * rounds after their restart are over: both agents then idle beside them (under one percent of a core each), as an
 * agent would on a host where an operator runs the command line. It prints figures beside the goals; it does
 * not time-assert.
 */
class FootprintBenchmark {
    private static final int TENANTS = 100;
    /** Restarts timed of each agent, the last one left running: the figure is their median (one start is noisy). */
    private static final int RESTARTS = 3;
    private static final Duration IDLE = Duration.ofSeconds(60);
    /**
     * From a restart to the idle minute: two rounds at the default 30 s interval, so that the minute is the agent's
     * steady state, not its first rounds and the compiling they start (an agent of 100 tenants here, from its start:
     * 0.31 % of a core over the minute from 60 s, 0.28 % from 120 s, 0.26 % from 180 s).
     */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** From a restart to the commands: the agents' first rounds (each reads its 100 tenants) are over well before. */
    private static final Duration QUIET = Duration.ofSeconds(20);
    private static final Map<Way, String> PREFIX = Map.of(Way.LAUNCHER, "fpl", Way.DEFAULTS, "fpd");
    private static final Map<Way, Integer> ENGINE = Map.of(Way.LAUNCHER, TestEngines.MAIN, Way.DEFAULTS, 2);
    /** Ranges no other test uses: a network left by an earlier run would take a subnet and never be freed for this one. */
    private static final Map<Way, String> POOL = Map.of(Way.LAUNCHER, "10.216.0.0/16", Way.DEFAULTS, "10.217.0.0/16");

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void agentAndCommandsBesideTheJvmDefaultsAndCompose(@TempDir Path tmp) throws Exception {
        TestRepo fleet = fleet(tmp.resolve("fleet"));
        try (FootprintCommands commands = new FootprintCommands(tmp, fleet, run)) {
            Map<Way, Long> firstStart = new EnumMap<>(Way.class);
            Map<Way, List<Long>> restart = new EnumMap<>(Way.class);
            Map<Way, Idle> idle = new EnumMap<>(Way.class);
            converge(tmp, fleet, firstStart);
            commands.converge();
            restartAndIdle(tmp, fleet, restart, idle, commands);
            printAgents(firstStart, restart, idle);
            commands.print();
        } finally {
            // Both engines at once: each takes some 0.3 s a tenant, most of it removing the tenant's network.
            Thread other = new Thread(() -> removeTenants(ENGINE.get(Way.DEFAULTS), PREFIX.get(Way.DEFAULTS) + "-" + run + "-"));
            other.start();
            removeTenants(ENGINE.get(Way.LAUNCHER), PREFIX.get(Way.LAUNCHER) + "-" + run + "-");
            removeTenants(FootprintCommands.ENGINE, "fpc-" + run);
            other.join();
            fleet.close();
        }
    }

    /**
     * One repository, 100 tenants for each agent's node, one component each (no HEALTHCHECK: a tcp probe gates); then
     * a commit that changes one of them, the change {@code plan --base} shows (the agents converge it from the start).
     */
    private TestRepo fleet(Path dir) throws Exception {
        TestRepo repo = new TestRepo(dir);
        repo.write("components.yml", "services:\n  web:\n    image: " + TestDocker.REGISTRY + "/demo/web:${web_version:-1.0}\n"
                + "    healthcheck: {disable: true}\n    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n");
        for (Way way : Way.values()) {
            for (int i = 0; i < TENANTS; i++) {
                repo.write("instances/" + tenant(way, i) + "/inventory.yml", "all:\n  hosts:\n    node-" + PREFIX.get(way) + ": {}\n");
            }
        }
        repo.commit(TENANTS + " tenants on each of two nodes");
        repo.write("instances/" + tenant(Way.LAUNCHER, 0) + "/inventory.yml",
                "all:\n  hosts:\n    node-" + PREFIX.get(Way.LAUNCHER) + ": {}\n  vars: {web_version: \"1.1\"}\n");
        repo.commit("one tenant's next version");
        return repo;
    }

    private String tenant(Way way, int i) {
        return String.format("%s-%s-%03d", PREFIX.get(way), run, i);
    }

    private Path agentFile(Path tmp, TestRepo fleet, Way way) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(PREFIX.get(way)));
        Path token = Files.writeString(dir.resolve("api-token"), "footprint-" + UUID.randomUUID() + "\n");
        return Files.writeString(dir.resolve("agent.yml"), """
                repo: %s
                node: node-%s
                home: %s
                dockerHost: %s
                api: {tokenFile: %s}
                networks: {pool: %s, size: 24}
                server:
                  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                logging:
                  level: WARN
                  loggers: {io.mooring.reconcile: INFO}
                """.formatted(fleet.dir(), PREFIX.get(way), dir.resolve("home"), TestEngines.dockerHost(ENGINE.get(way)), token,
                POOL.get(way), Http.freePort(), adminPort(way)));
    }

    private final Map<Way, Integer> adminPorts = new EnumMap<>(Way.class);

    private int adminPort(Way way) {
        return adminPorts.computeIfAbsent(way, w -> {
            try {
                return Http.freePort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Both agents started on empty homes, one after the other, until each has its 100 containers running; then stopped. */
    private void converge(Path tmp, TestRepo fleet, Map<Way, Long> firstStart) throws Exception {
        Map<Way, Agent> agents = new EnumMap<>(Way.class);
        try {
            for (Way way : Way.values()) {
                agents.put(way, Measured.start(way, agentFile(tmp, fleet, way), adminPort(way), log(tmp, way)));
                firstStart.put(way, agents.get(way).healthyMillis());
            }
            for (Way way : Way.values()) {
                String prefix = PREFIX.get(way) + "-" + run + "-";
                try {
                    Await.until(Duration.ofMinutes(8), () -> running(ENGINE.get(way), prefix), n -> n == TENANTS);
                } catch (AssertionError e) {
                    throw new AssertionError("the agent (" + way.label + ") did not converge its tenants: " + running(ENGINE.get(way), prefix)
                            + " of " + TENANTS + " running; its log ends:\n" + tail(log(tmp, way)) + "\nits threads:\n"
                            + agents.get(way).threads(), e);
                }
            }
        } finally {
            for (Agent agent : agents.values()) {
                agent.stop();
            }
        }
    }

    /**
     * Each agent restarted {@value #RESTARTS} times, alone, on a machine that holds its 100 tenants' containers only: the
     * other agent's are stopped meanwhile (200 idle containers kept a fifth of the machine's two cores busy, 0.2 % of a
     * core each, where a host of 100 tenants has half as many). Both are then started again and left running; the
     * commands are measured once their first rounds are over; then both idle for the same minute.
     */
    private void restartAndIdle(Path tmp, TestRepo fleet, Map<Way, List<Long>> restart, Map<Way, Idle> idle, FootprintCommands commands)
            throws Exception {
        Map<Way, Agent> agents = new EnumMap<>(Way.class);
        try {
            for (Way way : Way.values()) {
                Path file = tmp.resolve(PREFIX.get(way)).resolve("agent.yml");
                Way other = way == Way.LAUNCHER ? Way.DEFAULTS : Way.LAUNCHER;
                List<String> others = containers(ENGINE.get(other), PREFIX.get(other) + "-" + run + "-");
                docker(ENGINE.get(other), concat(List.of("stop", "-t", "10"), others));
                List<Long> starts = new java.util.ArrayList<>();
                for (int i = 1; i <= RESTARTS; i++) {
                    double busy = Measured.machineBusy(Duration.ofSeconds(2));
                    Agent agent = Measured.start(way, file, adminPort(way), log(tmp, way));
                    starts.add(agent.healthyMillis());
                    System.out.printf("benchmark footprint:   restart %d (%s): healthy in %,d ms, %,d CPU-ms by then; the machine %.1f %% busy"
                            + " in the 2 s before%n", i, way.label, agent.healthyMillis(), agent.healthyCpuMillis(), busy);
                    agent.stop();
                }
                startAll(ENGINE.get(other), others);
                restart.put(way, starts.stream().sorted().toList());
            }
            for (Way way : Way.values()) {
                agents.put(way, Measured.start(way, tmp.resolve(PREFIX.get(way)).resolve("agent.yml"), adminPort(way), log(tmp, way)));
            }
            long restarted = System.nanoTime();
            Thread.sleep(QUIET.toMillis());
            commands.measure();
            long settled = SETTLE.toMillis() - (System.nanoTime() - restarted) / 1_000_000;
            Thread.sleep(Math.max(settled, 5_000));
            Map<Way, Long> before = new EnumMap<>(Way.class);
            for (Way way : Way.values()) {
                before.put(way, agents.get(way).cpuTicks());
            }
            Thread.sleep(IDLE.toMillis());
            for (Way way : Way.values()) {
                Agent agent = agents.get(way);
                idle.put(way, new Idle((agent.cpuTicks() - before.get(way)) / (double) IDLE.toSeconds(), agent.residentMiB()));
                assertThat(running(ENGINE.get(way), PREFIX.get(way) + "-" + run + "-")).as(way.label).isEqualTo(TENANTS);
            }
        } finally {
            for (Agent agent : agents.values()) {
                agent.stop();
            }
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Path log(Path tmp, Way way) {
        return tmp.resolve(PREFIX.get(way) + "-agent.log");
    }

    private static void printAgents(Map<Way, Long> firstStart, Map<Way, List<Long>> restart, Map<Way, Idle> idle) {
        System.out.printf("benchmark footprint: agent with %d tenants     %14s %14s   goal%n", TENANTS, Way.LAUNCHER.label, Way.DEFAULTS.label);
        System.out.printf("benchmark footprint:   start to healthy, empty home %,11d ms %,11d ms%n", firstStart.get(Way.LAUNCHER),
                firstStart.get(Way.DEFAULTS));
        System.out.printf("benchmark footprint:   start to healthy, restart    %,11d ms %,11d ms   <= 1,500 ms (median of %d: %s; %s)%n",
                median(restart.get(Way.LAUNCHER)), median(restart.get(Way.DEFAULTS)), RESTARTS, restart.get(Way.LAUNCHER),
                restart.get(Way.DEFAULTS));
        System.out.printf("benchmark footprint:   resident memory after %d s idle %,8d MiB %,10d MiB   <= 150 MiB%n", IDLE.toSeconds(),
                idle.get(Way.LAUNCHER).residentMiB(), idle.get(Way.DEFAULTS).residentMiB());
        System.out.printf("benchmark footprint:   CPU over %d s idle, from %d s after start (30 s interval) %8.2f %% %12.2f %%"
                + "   <= 0.5 %% of a core%n", IDLE.toSeconds(), SETTLE.toSeconds(), idle.get(Way.LAUNCHER).cpuPercent(),
                idle.get(Way.DEFAULTS).cpuPercent());
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    private static long running(int engine, String prefix) {
        return docker(engine, "ps", "-q", "--filter", "name=^" + prefix, "--filter", "status=running").lines().filter(l -> !l.isBlank()).count();
    }

    /** {@code docker start} of each container, in four commands at once: one command starts them one after the other. */
    private static void startAll(int engine, List<String> containers) throws InterruptedException {
        List<Thread> threads = new java.util.ArrayList<>();
        for (int part = 0; part < 4; part++) {
            List<String> mine = new java.util.ArrayList<>();
            for (int i = part; i < containers.size(); i += 4) {
                mine.add(containers.get(i));
            }
            if (!mine.isEmpty()) {
                Thread thread = new Thread(() -> docker(engine, concat(List.of("start"), mine)));
                thread.start();
                threads.add(thread);
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static List<String> containers(int engine, String prefix) {
        return docker(engine, "ps", "-aq", "--filter", "name=^" + prefix).lines().filter(l -> !l.isBlank()).toList();
    }

    /** Every container and network of the tenants named {@code prefix}... on that engine, in one command each. */
    private static void removeTenants(int engine, String prefix) {
        List<String> containers = containers(engine, prefix);
        if (!containers.isEmpty()) {
            docker(engine, concat(List.of("rm", "-f", "-v"), containers));
        }
        List<String> networks = docker(engine, "network", "ls", "-q", "--filter", "name=^mooring-" + prefix).lines()
                .filter(l -> !l.isBlank()).toList();
        if (!networks.isEmpty()) {
            docker(engine, concat(List.of("network", "rm"), networks));
        }
    }

    private static String[] concat(List<String> head, List<String> tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    private static String docker(int engine, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker", "-H", TestEngines.dockerHost(engine)));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(String.join(" ", command), e);
        }
    }
}
