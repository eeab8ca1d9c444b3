package io.mooring.bench;

import io.mooring.testing.TestDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the reconcile benchmark measures Mooring against, on the same 10-component tenant: {@code docker-compose up -d}
 * and an Ansible {@code community.docker} playbook; and the timing helpers all three share.
 */
final class Peers {
    static final int COMPONENTS = 10;
    static final int NOOP_RUNS = 5;
    static final Path RESOURCES = Path.of("src/test/resources/bench");

    private Peers() {
    }

    record Result(long createMillis, double noopMillis, long upgradeMillis, String extra, double noopAskingMillis) {
        Result(long createMillis, double noopMillis, long upgradeMillis, String extra) {
            this(createMillis, noopMillis, upgradeMillis, extra, noopMillis);
        }
    }

    // ---- docker-compose ----

    static Result compose(Path dir, String run) throws Exception {
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
            return new Result(create, noop, upgrade, "  (no-op: median of " + NOOP_RUNS + ")");
        } finally {
            sh(Map.of(), List.of("docker-compose", "-f", dir.resolve("compose.yml").toString(), "-p", project, "down", "-v", "--timeout", "1"));
        }
    }

    // ---- Ansible community.docker ----

    static Result ansible(Path dir, String run) throws Exception {
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
            double noop = millis(() -> sh(env, play));
            String old = TestDocker.cli("inspect", "-f", "{{.Id}}", project + "_c05");
            List<String> upgradePlay = new ArrayList<>(play);
            upgradePlay.addAll(List.of("-e", "c05_tag=1.1"));
            long upgrade = millis(() -> {
                sh(env, upgradePlay);
                awaitReplacedAndHealthy(project + "_c05", old);
            });
            return new Result(create, noop, upgrade, "  (no-op: one run)");
        } finally {
            List<String> teardown = new ArrayList<>(play);
            teardown.addAll(List.of("-e", "state=absent"));
            sh(env, teardown);
        }
    }

    static void awaitHealthy(String namePattern) throws Exception {
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

    interface Step {
        void run() throws Exception;
    }

    static long millis(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static double median(int runs, Step step) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            step.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(null);
        return times.get(runs / 2);
    }

    static String dockerHost() {
        String host = System.getenv("DOCKER_HOST");
        return host != null ? host : "unix:///var/run/docker.sock";
    }
}
