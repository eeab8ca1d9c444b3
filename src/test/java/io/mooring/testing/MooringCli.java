package io.mooring.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shaded jar as a user would, and keeps what it printed. */
public final class MooringCli {
    private MooringCli() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("mooring.jar", "target/mooring.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
        }
        return jar;
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), args);
    }

    /** Runs the jar with extra environment variables, such as a crash point for fault tests. */
    public static Result run(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = launcher(args);
        Path out = Files.createTempFile("mooring-out", ".txt");
        Path err = Files.createTempFile("mooring-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(launcherEnvironment());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("mooring " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The packaged launcher (src/main/dist/mooring) with {@code args}: run with {@link #launcherEnvironment()}. */
    public static List<String> launcher(String... args) {
        Path launcher = Path.of(System.getProperty("mooring.launcher", "src/main/dist/mooring"));
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException(launcher + " is missing: integration tests run from the project's folder");
        }
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** What the launcher is told: the built jar (its archive and JVM options beside it) and this test's Java. */
    public static java.util.Map<String, String> launcherEnvironment() {
        return java.util.Map.of("MOORING_JAR", jar().toString(), "JAVA_HOME", System.getProperty("java.home"));
    }
}
