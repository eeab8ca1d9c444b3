package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher's environment for the agent and the commands, seen by a stand-in java that prints it. */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("src/main/dist/mooring");

    @Test
    void theAgentOutsideATerminalIsGivenAWidthSoThatItsParserRunsNoStty(@TempDir Path tmp) throws Exception {
        List<String> agent = run(tmp, Map.of(), "server", "agent.yml");
        assertThat(agent).contains("COLUMNS=80", "MALLOC_ARENA_MAX=2");
        assertThat(agent).anyMatch(line -> line.startsWith("args=") && line.endsWith(" io.mooring.MooringApplication server agent.yml"));
        assertThat(run(tmp, Map.of("COLUMNS", "132"), "server", "agent.yml")).contains("COLUMNS=132");
    }

    @Test
    void aCommandKeepsTheEnvironmentItWasGiven(@TempDir Path tmp) throws Exception {
        assertThat(run(tmp, Map.of(), "validate", "repo")).contains("COLUMNS=", "MALLOC_ARENA_MAX=").doesNotContain("COLUMNS=80");
    }

    /** What the stand-in java printed, run through the launcher with stdout a pipe. */
    private static List<String> run(Path tmp, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(tmp.resolve("jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"COLUMNS=$COLUMNS\"\necho \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"\n"
                + "echo \"args=$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(tmp.resolve("mooring.jar"), "not a jar: the stand-in java never opens it");
        List<String> command = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("COLUMNS");
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().putAll(Map.of("JAVA_HOME", tmp.resolve("jdk").toString(), "MOORING_JAR", jar.toString()));
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
