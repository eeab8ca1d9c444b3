package io.mooring.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' {@code promtool}, Debian's, unpacked by {@code scripts/test-env} where the build's {@code mooring.promtool}
 * property says: a test that needs it fails when it is not there, it is not skipped.
 */
public final class Promtool {
    private Promtool() {
    }

    /** How a run ended: its exit code and what it printed, both streams. */
    public record Result(int exitCode, String output) {
    }

    /** {@code promtool ARGS...} with {@code input} on its standard input (null: none). */
    public static Result run(String input, String... args) throws Exception {
        Path promtool = Path.of(System.getProperty("mooring.promtool", "/opt/mooring-test/promtool/usr/bin/promtool"));
        if (!Files.isExecutable(promtool)) {
            throw new AssertionError(promtool + " is missing: run scripts/test-env (it unpacks Debian's prometheus package there)");
        }
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
