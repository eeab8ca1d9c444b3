package io.mooring.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped unit, systemd/mooring.service, as the machine's systemd-analyze reads it: its exposure at most 3.5
 * (Debian 12's systemd 252 rates it), and verified without a warning in a throwaway root that holds the machine's unit
 * files and the launcher at /usr/bin/mooring, as the package installs it.
 */
class SystemdUnitTest {
    private static final Path UNIT = Path.of("systemd/mooring.service");
    private static final Path LAUNCHER = Path.of("src/main/dist/mooring");
    private static final Pattern OVERALL = Pattern.compile("Overall exposure level for mooring\\.service: (\\d+\\.\\d)");

    @Test
    void theUnitsExposureIsAtMost3point5() throws Exception {
        Run security = run("systemd-analyze", "security", "--offline=true", "--threshold=35", UNIT.toString());
        Matcher overall = OVERALL.matcher(security.output());
        assertThat(overall.find()).as("the overall exposure in:\n" + security.output()).isTrue();
        double score = Double.parseDouble(overall.group(1));
        System.out.println("systemd-analyze security: systemd/mooring.service's exposure is " + score);
        assertThat(score).as(security.output()).isLessThanOrEqualTo(3.5);
        assertThat(security.exit()).as("systemd-analyze security --threshold=35 fails above 3.5:\n" + security.output()).isZero();
    }

    @Test
    void theUnitVerifiesWithoutAWarning(@TempDir Path root) throws Exception {
        Path units = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> machines = Files.list(Path.of("/usr/lib/systemd/system"))) {
            for (Path unit : machines.filter(Files::isRegularFile).toList()) {
                Files.copy(unit, units.resolve(unit.getFileName().toString()));
            }
        }
        assertThat(units.resolve("docker.service")).as("docker.service (Debian's docker.io), which the unit requires").exists();
        Files.copy(UNIT, units.resolve("mooring.service"), StandardCopyOption.REPLACE_EXISTING);
        Path bin = Files.createDirectories(root.resolve("usr/bin")).resolve("mooring");
        Files.copy(LAUNCHER, bin);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run verify = run("systemd-analyze", "verify", "--root=" + root, "mooring.service");
        assertThat(verify.output()).as("systemd-analyze verify's warnings").isEmpty();
        assertThat(verify.exit()).isZero();
    }

    @Test
    void theUnitKeepsWhatTheAgentNeeds() throws IOException {
        List<String> lines = Files.readAllLines(UNIT, StandardCharsets.UTF_8);
        assertThat(lines).contains("ExecStart=/usr/bin/mooring server /etc/mooring/mooring.yml", "Type=notify", "NotifyAccess=main",
                "User=mooring", "SupplementaryGroups=docker", "StateDirectory=mooring", "RuntimeDirectory=mooring",
                "RuntimeDirectoryMode=0700", "RuntimeDirectoryPreserve=yes", "ConfigurationDirectory=mooring", "Requires=docker.service");
        assertThat(lines).as("the JIT writes the code it runs; the docker group must map; Java reads /proc/mounts")
                .doesNotContain("MemoryDenyWriteExecute=true", "PrivateUsers=true", "ProcSubset=pid");
        assertThat(lines).filteredOn(line -> line.startsWith("WatchdogSec=")).hasSize(1);
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " cannot be run (" + e.getMessage() + "): install Debian's systemd package"
                    + " (scripts/test-env does)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end");
        }
        return new Run(process.exitValue(), output);
    }
}
