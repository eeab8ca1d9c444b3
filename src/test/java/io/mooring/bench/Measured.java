package io.mooring.bench;

import io.mooring.testing.MooringCli;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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

    /** A started agent: its process, how long it took from start to a healthy {@code /healthcheck}, and its CPU by then. */
    record Agent(Process process, long healthyMillis, long healthyCpuMillis) {
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
        long healthy = (System.nanoTime() - start) / 1_000_000;
        return new Agent(process, healthy, new Agent(process, healthy, 0).cpuTicks() * 10);
    }

    /**
     * Whether {@code GET /healthcheck} answers 200, asked on a plain socket: the JDK's HTTP client (its selector thread,
     * futures and an exception chain for each refused connection) spent, polling every 10 ms, the CPU the agent's start
     * needs on a two-core machine: that start measured 1,758 ms with it and 1,602 ms with this (medians, alternating),
     * the same as with Python's urllib (1,618 ms). A supervisor's probe (systemd, an orchestrator's) costs the agent no
     * more than this one.
     */
    private static boolean healthy(URI health) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(health.getHost(), health.getPort()), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(("GET " + health.getPath() + " HTTP/1.1\r\nHost: " + health.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return status.matches("HTTP/1\\.[01] 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** How busy the machine's CPUs are (user, system, interrupts, all cores; percent of them all) over {@code period}. */
    static double machineBusy(Duration period) throws IOException, InterruptedException {
        long[] before = cpuTicks();
        Thread.sleep(period.toMillis());
        long[] after = cpuTicks();
        return 100.0 * (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
    }

    /** From /proc/stat's first line: the ticks spent busy, and all ticks. */
    private static long[] cpuTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        long all = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            long ticks = Long.parseLong(fields[i]);
            all += ticks;
            busy += i == 4 || i == 5 ? 0 : ticks;
        }
        return new long[] {busy, all};
    }

    /** CPU over a minute idle as a share of one core, and resident memory at its end. */
    record Idle(double cpuPercent, long residentMiB) {
    }

    /** A command's wall time and CPU seconds (user + system, its children's included). */
    record Run(double wallMillis, double cpuMillis) {
    }

    /** The median (by wall time) of {@code runs} runs of {@code command}, each required to exit 0. */
    static Run median(int runs, List<String> command, Map<String, String> env) throws Exception {
        return medians(runs, List.of(command), env).get(0);
    }

    /**
     * The median (by wall time) of {@code runs} runs of each command, taken in rounds (each command once a round, in the
     * order given), so that a moment of the machine's load weighs on each command alike; each run required to exit 0.
     */
    static List<Run> medians(int runs, List<List<String>> commands, Map<String, String> env) throws Exception {
        List<List<Run>> all = new ArrayList<>();
        commands.forEach(command -> all.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < commands.size(); c++) {
                all.get(c).add(once(commands.get(c), env));
            }
        }
        List<Run> medians = new ArrayList<>();
        for (List<Run> each : all) {
            each.sort(java.util.Comparator.comparingDouble(Run::wallMillis));
            medians.add(each.get(runs / 2));
        }
        return medians;
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
