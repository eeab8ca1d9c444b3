package io.mooring.bench;

import io.mooring.bench.Measured.Run;
import io.mooring.bench.Measured.Way;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestEngines;
import io.mooring.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * FootprintBenchmark's command line: a one-tenant {@code validate}, a no-op {@code apply} of a one-service tenant beside
 * {@code docker-compose up -d} of the same service, and {@code plan --base} of the fleet repository's last commit (a
 * change of one tenant), each the median of nine runs, the launcher's beside the JVM's defaults (run in rounds). The
 * tenant is on a node no agent runs ({@code node-cli}), on an engine no agent acts on ({@link #ENGINE}): an agent's
 * round never waits for a command's hold on the engine, nor a command for an agent's.
 */
final class FootprintCommands implements AutoCloseable {
    private static final int RUNS = 9;
    /** Extra engine 3 of scripts/test-env. */
    static final int ENGINE = 3;

    private final TestRepo one;
    private final TestRepo fleet;
    private final List<String> up;
    private final List<String> down;
    private final String[] apply;
    private final Map<String, String> env = Map.of("DOCKER_HOST", TestEngines.dockerHost(ENGINE));
    private final Map<Way, Run> validate = new EnumMap<>(Way.class);
    private final Map<Way, Run> noop = new EnumMap<>(Way.class);
    private final Map<Way, Run> plan = new EnumMap<>(Way.class);
    private Run compose;

    FootprintCommands(Path tmp, TestRepo fleet, String run) throws Exception {
        this.fleet = fleet;
        String tenant = "fpc-" + run;
        one = new TestRepo(tmp.resolve("one"));
        one.write("components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n");
        one.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-cli: {}\n");
        one.commit("one tenant");
        Path file = Files.writeString(tmp.resolve("compose.yml"), "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n");
        List<String> compose = List.of("docker-compose", "-f", file.toString(), "-p", "fpcompose" + run);
        up = concat(compose, "up", "-d");
        down = concat(compose, "down", "--timeout", "1");
        apply = new String[] {"apply", "--repo", one.dir().toString(), "--tenant", tenant, "--node", "node-cli", "--home",
                tmp.resolve("cli-home").toString()};
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** The first apply and up: each makes its container, so that every measured run after has nothing to do. */
    void converge() throws Exception {
        Measured.median(1, Way.LAUNCHER.command(apply), env);
        Measured.median(1, up, env);
    }

    /** Each command's ways in rounds ({@link Measured#medians}): the no-op apply's beside docker-compose's, run by run. */
    void measure() throws Exception {
        both(validate, way -> way.command("validate", one.dir().toString()), List.of());
        compose = both(noop, way -> way.command(apply), List.of(up)).get(0);
        both(plan, way -> way.command("plan", "--repo", fleet.dir().toString(), "--base", "HEAD~1"), List.of());
    }

    /** The launcher's, then {@code others}, then the defaults' runs of a command, in rounds; the others' medians returned. */
    private List<Run> both(Map<Way, Run> into, Function<Way, List<String>> command, List<List<String>> others)
            throws Exception {
        List<List<String>> commands = new ArrayList<>();
        commands.add(command.apply(Way.LAUNCHER));
        commands.addAll(others);
        commands.add(command.apply(Way.DEFAULTS));
        List<Run> medians = Measured.medians(RUNS, commands, env);
        into.put(Way.LAUNCHER, medians.get(0));
        into.put(Way.DEFAULTS, medians.get(medians.size() - 1));
        return medians.subList(1, medians.size() - 1);
    }

    void print() {
        System.out.printf("benchmark footprint: commands, median of %d     %20s %20s %22s   goal%n", RUNS, Way.LAUNCHER.label,
                Way.DEFAULTS.label, "docker-compose up -d");
        print("validate, 1 tenant", validate, null, "<= 400 ms");
        print("apply, no-op, 1 service", noop, compose, "<= docker-compose");
        print("plan --base, 1 change", plan, null, "<= 500 ms");
        System.out.printf("benchmark footprint: no-op apply / docker-compose up -d: %.2fx wall, %.2fx CPU%n",
                noop.get(Way.LAUNCHER).wallMillis() / compose.wallMillis(), noop.get(Way.LAUNCHER).cpuMillis() / compose.cpuMillis());
    }

    private static void print(String what, Map<Way, Run> mooring, Run compose, String goal) {
        System.out.printf("benchmark footprint:   %-24s %s %s %s   %s%n", what, cell(mooring.get(Way.LAUNCHER)), cell(mooring.get(Way.DEFAULTS)),
                compose == null ? String.format("%22s", "") : "  " + cell(compose), goal);
    }

    private static String cell(Run r) {
        return String.format("%,7.0f ms (%,5.0f CPU)", r.wallMillis(), r.cpuMillis());
    }

    @Override
    public void close() throws Exception {
        try {
            Measured.median(1, down, env);
        } finally {
            one.close();
        }
    }
}
