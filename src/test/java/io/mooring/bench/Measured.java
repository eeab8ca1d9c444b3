package io.mooring.bench;

import io.mooring.testing.MooringCli;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the footprint benchmark measures of a process: an agent's start to a healthy {@code /healthcheck}, its resident
 * memory and CPU from {@code /proc}; a command's wall time and CPU seconds (its own and its children's, from bash's
 * {@code times}). Mooring runs two ways: as the packaged launcher runs it, and as {@code java -jar} with the JVM's defaults.
 */
final class Measured {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    enum Way {
        LAUNCHER("launcher"), DEFAULTS("JVM defaults");

        final String label;

        Way(String label) {
            this.label = label;
        }

        List<String> command(String... args) {
            if (this == LAUNCHER) {
                return MooringCli.launcher(args);
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    MooringCli.jar().toString()));
            command.addAll(List.of(args));
            return command;
        }
    }

    private Measured() {
    }

    /** A started agent: its process, and how long it took from start to a healthy {@code /healthcheck}. */
    record Agent(Process process, long healthyMillis) {
        long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        long residentMiB() throws IOException {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst().orElseThrow();
        }

        /** Its threads' stacks ({@code jcmd Thread.print}), for a failure to say where it stood. */
        String threads() {
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()),
                        "Thread.print").redirectErrorStream(true).start();
                return new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(jcmd: " + e.getMessage() + ")";
            }
        }

        /** Stopped as systemd stops it (SIGTERM), killed after 30 s; gone either way before this returns. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static Agent start(Way way, Path file, int adminPort, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(way.command("server", file.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(MooringCli.launcherEnvironment());
        long start = System.nanoTime();
        Process process = builder.start();
        URI health = URI.create("http://127.0.0.1:" + adminPort + "/healthcheck");
        while (!healthy(health)) {
            if (!process.isAlive() || System.nanoTime() - start > Duration.ofMinutes(2).toNanos()) {
                process.destroyForcibly();
                throw new IllegalStateException("the agent of " + file + " was not healthy in 2 minutes:\n" + Files.readString(log));
            }
            Thread.sleep(10);
        }
        return new Agent(process, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean healthy(URI health) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** CPU over a minute idle as a share of one core, and resident memory at its end. */
    record Idle(double cpuPercent, long residentMiB) {
    }

    /** A command's wall time and CPU seconds (user + system, its children's included). */
    record Run(double wallMillis, double cpuMillis) {
    }

    /** The median (by wall time) of {@code runs} runs of {@code command}, each required to exit 0. */
    static Run median(int runs, List<String> command, Map<String, String> env) throws Exception {
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(once(command, env));
        }
        all.sort(java.util.Comparator.comparingDouble(Run::wallMillis));
        return all.get(runs / 2);
    }

    private static Run once(List<String> command, Map<String, String> env) throws Exception {
        List<String> timed = new ArrayList<>(List.of("bash", "-c", "\"$@\" >/dev/null 2>\"$ERR\"; rc=$?; times; exit $rc", "timed"));
        timed.addAll(command);
        Path err = Files.createTempFile("measured", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(false);
            builder.environment().putAll(MooringCli.launcherEnvironment());
            builder.environment().putAll(env);
            builder.environment().put("ERR", err.toString());
            long start = System.nanoTime();
            Process process = builder.start();
            String times = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e6;
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + Files.readString(err));
            }
            // bash's `times`: the shell's user and system time, then its children's: "0m0.812s 0m0.124s".
            String[] children = times.strip().lines().reduce((first, second) -> second).orElseThrow().split(" ");
            return new Run(wall, seconds(children[0]) * 1000 + seconds(children[1]) * 1000);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static double seconds(String time) {
        int m = time.indexOf('m');
        return Integer.parseInt(time.substring(0, m)) * 60 + Double.parseDouble(time.substring(m + 1, time.length() - 1));
    }
}
