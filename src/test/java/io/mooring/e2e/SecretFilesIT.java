package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.engine.FileFolder;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets and configs reach a container as read-only bind mounts of files in the agent's tmpfs folder (here one under
 * /dev/shm, this run's own): the container sees their owner and mode, cannot change them even as root, its read-only
 * root file system is allowed, and their content is nowhere in the engine's data root. A host's restart (the folder
 * emptied, the container unable to start) is mended by the next pass, under {@code mooring_self_heal: report} too.
 */
class SecretFilesIT {
    private final String run = "sf" + UUID.randomUUID().toString().substring(0, 6);
    private final String tenant = run + "-sec";
    private final String marker = "mooring-marker-" + UUID.randomUUID();
    private final Path folder = Path.of("/dev/shm", "mooring-it-" + run);
    private final TestDocker docker = new TestDocker();
    private RoundRig rig;
    private DockerEngine engine;
    private Reconciler reconciler;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, "secret-files-" + run);
        engine = new DockerEngine("unix:///var/run/docker.sock", List.of(), DockerEngine.DEFAULT_PULL_TIMEOUT, Optional.empty(),
                new FileFolder(folder));
        reconciler = rig.reconciler(engine);
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(tenant);
        docker.close();
        engine.close();
        rig.close();
        if (Files.exists(folder)) {
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void write(String secret, String node) throws Exception {
        write(secret, node, "");
    }

    private void write(String secret, String node, String vars) throws Exception {
        rig.repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    " + node + ": {mooring_self_heal: report"
                + vars + "}\n");
        rig.repo.write("instances/" + tenant + "/token.txt", secret);
        rig.repo.write("instances/" + tenant + "/components.yml", """
                services:
                  app:
                    image: %s
                    read_only: true
                    tmpfs: [/www, /data, /tmp]
                    secrets: [{source: token, uid: "1000", gid: "1001", mode: 0440}]
                    configs: [{source: settings, target: /etc/app.conf}]
                %s
                secrets:
                  token: {file: token.txt}
                configs:
                  settings: {content: "level=debug"}
                """.formatted(TestDocker.image("1.0"), RoundRig.PROBED.stripTrailing()));
        rig.repo.commit("secret " + secret.length());
    }

    private PassRecord pass() {
        return RoundRig.round(reconciler).get(tenant);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(folder.resolve(tenant))) {
            return listed.toList();
        }
    }

    @Test
    void aSecretIsAReadOnlyMountOfAPrivateFileThatNeverReachesTheEnginesDisk() throws Exception {
        write(marker, "node-a");
        PassRecord first = pass();
        assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);
        String app = tenant + "-app";
        assertThat(TestDocker.cli("exec", app, "cat", "/run/secrets/token")).isEqualTo(marker);
        assertThat(TestDocker.cli("exec", app, "stat", "-c", "%a %u %g", "/run/secrets/token")).isEqualTo("440 1000 1001");
        assertThat(TestDocker.cli("exec", app, "stat", "-c", "%a %u %g", "/etc/app.conf")).isEqualTo("444 0 0");
        assertThat(TestDocker.cli("exec", app, "id", "-u")).isEqualTo("0");
        assertThatThrownBy(() -> TestDocker.cli("exec", app, "sh", "-c", "echo x > /run/secrets/token"))
                .hasMessageContaining("Read-only file system");
        assertThatThrownBy(() -> TestDocker.cli("exec", app, "chmod", "666", "/run/secrets/token")).hasMessageContaining("Read-only");
        assertThat(TestDocker.cli("exec", app, "cat", "/run/secrets/token")).isEqualTo(marker);
        assertThat(TestDocker.cli("exec", app, "grep", "-c", "/run/secrets/token", "/proc/mounts")).isEqualTo("1");

        assertThat(Files.getPosixFilePermissions(folder)).hasSize(3);
        assertThat(Files.getFileStore(folder).type()).isEqualTo("tmpfs");
        assertThat(files()).hasSize(2);
        String id = docker.inspect(app).getId();
        String upper = TestDocker.cli("inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", app);
        String root = TestDocker.cli("info", "--format", "{{.DockerRootDir}}");
        assertThat(grep(marker, upper, Path.of(upper).getParent().toString(), root + "/containers/" + id))
                .as("the secret's content in the container's layer or folder").isEmpty();

        write(marker + "-changed", "node-a");
        PassRecord changed = pass();
        assertThat(changed.status()).as(said(changed)).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(changed)).contains("replace").contains("secrets").doesNotContain(marker);
        assertThat(TestDocker.cli("exec", app, "cat", "/run/secrets/token")).isEqualTo(marker + "-changed");
        assertThat(files()).as("the old secret's file, no container mounting it").hasSize(2);

        write(marker + "-changed", "node-b");
        PassRecord departed = pass();
        assertThat(departed.status()).as(said(departed)).isEqualTo(PassStatus.CONVERGED);
        assertThat(folder.resolve(tenant)).doesNotExist();
    }

    @Test
    void afterTheHostRestartsThePassPutsTheFilesBackAndStartsTheContainerAgain() throws Exception {
        write(marker, "node-a");
        assertThat(pass().status()).isEqualTo(PassStatus.CONVERGED);
        String app = tenant + "-app";
        // What a reboot does: the container stops, the tmpfs is emptied, the engine's own start fails.
        TestDocker.cli("stop", "-t", "1", app);
        for (Path file : files()) {
            Files.delete(file);
        }
        assertThatThrownBy(() -> TestDocker.cli("start", app)).hasMessageContaining("bind source path does not exist");

        PassRecord mended = pass();
        assertThat(mended.status()).as(said(mended)).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(mended)).contains("container " + app + " started again");
        assertThat(TestDocker.cli("inspect", "--format", "{{.State.Running}}", app)).isEqualTo("true");
        assertThat(TestDocker.cli("exec", app, "cat", "/run/secrets/token")).isEqualTo(marker);
    }

    /** A change waiting for its window keeps the earlier revision's container, whose files come from the commit it was made from. */
    @Test
    void aContainerOfAnEarlierRevisionGetsThatRevisionsFilesBack() throws Exception {
        write(marker, "node-a");
        assertThat(pass().status()).isEqualTo(PassStatus.CONVERGED);
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        write(marker + "-next", "node-a", ", mooring_maintenance_window: \"" + tomorrow + " 03:00-03:30 UTC\"");
        String app = tenant + "-app";
        TestDocker.cli("stop", "-t", "1", app);
        for (Path file : files()) {
            Files.delete(file);
        }
        PassRecord waiting = pass();
        assertThat(said(waiting)).contains("container " + app + " started again");
        assertThat(TestDocker.cli("exec", app, "cat", "/run/secrets/token")).isEqualTo(marker);
        assertThat(files()).as("the running revision's two files and the waiting one's secret").hasSize(3);
    }

    /** The files under {@code places} that hold {@code text}, read as root would (grep -r). */
    private static String grep(String text, String... places) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("grep", "-rlF", "--", text));
        command.addAll(List.of(places));
        Process grep = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(grep.getInputStream().readAllBytes()).trim();
        int code = grep.waitFor();
        assertThat(code).as("grep: " + out).isIn(0, 1);
        return out;
    }
}
