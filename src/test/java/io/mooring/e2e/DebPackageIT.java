package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import io.mooring.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build makes (target/mooring_VERSION_all.deb), installed by a real dpkg, its real database and
 * maintainer scripts into a throwaway root: an overlay of this machine's / whose changes land on a tmpfs, in a mount
 * namespace of its own (src/test/resources/io/mooring/e2e/deb-install-test.sh, which prints each step and checks
 * files, owners, modes, the user and its groups, the conffile, that nothing is enabled, the installed launcher's
 * --version and validate with the class-data archive required, a reinstall, the Java trigger, remove and purge).
 * The host is checked untouched afterwards. Runs as root, as the integration tests do.
 */
class DebPackageIT {
    private static final Path SCRIPT = Path.of("src/test/resources/io/mooring/e2e/deb-install-test.sh");

    @Test
    void installsIntoAThrowawayRootRunsAndIsPurgedKeepingTheState(@TempDir Path shared) throws Exception {
        Path deb = builtPackage();
        String version = System.getProperty("mooring.version", "");
        assertThat(version).as("the system property mooring.version (failsafe sets it from pom.xml)").isNotEmpty();
        hostHasNoMooring("before");
        try (TestRepo repo = new TestRepo(shared.resolve("repo"))) {
            repo.write("instances/acme/inventory.yml", Files.readString(Path.of("instances-template/inventory.yml")));
            repo.commit("tenant acme");
        }
        readableByAll(shared); // the installed launcher runs validate as the user mooring

        Path log = shared.resolve("deb-install-test.log");
        Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", SCRIPT.toString(),
                deb.toAbsolutePath().toString(), shared.toString(), version).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(ended).as("deb-install-test.sh did not end within 10 minutes:\n" + output).isTrue();

        assertThat(process.exitValue()).as("deb-install-test.sh failed at the step it names last:\n" + output).isZero();
        assertThat(output).contains("all steps passed");
        hostHasNoMooring("after");
    }

    private static Path builtPackage() throws IOException {
        Path target = MooringCli.jar().toAbsolutePath().getParent();
        List<Path> packages;
        try (Stream<Path> files = Files.list(target)) {
            packages = files.filter(f -> f.getFileName().toString().matches("mooring_.+_all\\.deb")).toList();
        }
        assertThat(packages).as("one package in " + target + ": `mvn package` makes it (clean away older versions)").hasSize(1);
        return packages.get(0);
    }

    /** The throwaway root's install must leave this machine as it was: no launcher, no user, no package record. */
    private static void hostHasNoMooring(String when) throws IOException {
        assertThat(Path.of("/usr/bin/mooring")).as(when + " the test: this machine has no /usr/bin/mooring").doesNotExist();
        assertThat(Path.of("/etc/mooring")).as(when + " the test: this machine has no /etc/mooring").doesNotExist();
        assertThat(Files.readAllLines(Path.of("/etc/passwd"))).as(when + " the test: this machine has no user mooring")
                .noneMatch(line -> line.startsWith("mooring:"));
        assertThat(Files.readAllLines(Path.of("/var/lib/dpkg/status"))).as(when + " the test: dpkg knows no package mooring")
                .doesNotContain("Package: mooring");
    }

    private static void readableByAll(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
