package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's lock between real processes: a second Mooring waits, then gives up naming the first; kill -9 frees it. */
class EngineLockIT {
    @TempDir
    Path folder;

    private final String host = "tcp://engine-" + UUID.randomUUID() + ":2375";
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void aSecondProcessWaitsThenFailsNamingTheHoldersPidAndSince() throws Exception {
        Process holder = holding();
        EngineLock lock = EngineLock.forEngine(host, folder);
        List<EngineLock.Holder> toldWaiting = new ArrayList<>();
        long started = System.nanoTime();

        assertThatThrownBy(() -> lock.acquire(Duration.ofSeconds(1), toldWaiting::add))
                .isInstanceOf(EngineBusyException.class)
                .hasMessageStartingWith("another Mooring is applying on this engine (pid " + holder.pid() + ", since ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(toldWaiting).as("told once that it waits, and for whom").hasSize(1);
        assertThat(toldWaiting.get(0).pid()).isEqualTo(holder.pid());
        assertThat(toldWaiting.get(0).since()).isBefore(Instant.now());
        assertThat(lock.tryAcquire()).isEmpty();
    }

    @Test
    void aHolderKilledWithSigkillLetsGoOfTheLock() throws Exception {
        Process holder = holding();
        EngineLock lock = EngineLock.forEngine(host, folder);
        assertThat(lock.tryAcquire()).isEmpty();

        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no cleanup

        try (EngineLock.Held held = lock.acquire(Duration.ofSeconds(10))) {
            assertThat(lock.holder().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(Files.readString(lock.file())).startsWith("pid=" + ProcessHandle.current().pid() + "\nsince=");
        }
    }

    @Test
    void threadsOfOneProcessShareTheLockAndTheLastToLetGoFreesItForOtherProcesses() throws Exception {
        EngineLock lock = EngineLock.forEngine(host, folder);
        EngineLock.Held first = lock.acquire(Duration.ZERO);
        EngineLock.Held second = CompletableFuture.supplyAsync(() -> EngineLock.forEngine(host, folder).acquire(Duration.ZERO))
                .get(10, TimeUnit.SECONDS);
        assertThat(tryFromAnotherProcess()).isEqualTo("busy pid " + ProcessHandle.current().pid() + ", since "
                + lock.holder().since());

        first.close();
        first.close(); // closing twice gives back one holding only
        assertThat(tryFromAnotherProcess()).as("the other thread still holds it").startsWith("busy pid ");

        second.close();
        assertThat(tryFromAnotherProcess()).isEqualTo("free");
    }

    @Test
    void addressesOfOneEngineShareOneFileAndOtherEnginesHaveTheirOwn() {
        assertThat(EngineLock.forEngine("TCP://Docker.Example:2376/", folder).file())
                .isEqualTo(EngineLock.forEngine("tcp://docker.example:2376", folder).file());
        assertThat(EngineLock.forEngine("unix:///var/run/docker.sock", folder).file())
                .isEqualTo(EngineLock.forEngine(null, folder).file())
                .isNotEqualTo(EngineLock.forEngine("tcp://docker.example:2376", folder).file());
    }

    private Process holding() throws IOException {
        Process child = child("hold");
        String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the child took the lock").isEqualTo("held");
        return child;
    }

    @Test
    void theLockFileIsTheOwnersAndTheDockerGroupsAndNeverFollowsALink() throws Exception {
        EngineLock lock = EngineLock.forEngine(host, folder);
        try (EngineLock.Held held = lock.acquire(Duration.ZERO)) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(lock.file())))
                    .as("nobody outside the docker group can hold the agent up").isEqualTo("rw-rw----");
        }
        Path precious = Files.writeString(folder.resolve("precious"), "keep me");
        EngineLock linked = EngineLock.forEngine(host + "/other", folder);
        Files.createSymbolicLink(linked.file(), precious);
        assertThatThrownBy(() -> linked.acquire(Duration.ZERO)).isInstanceOf(EngineException.class)
                .hasMessageContaining(linked.file().toString());
        assertThat(Files.readString(precious)).as("a link at the lock's name is never written through").isEqualTo("keep me");
    }

    private String tryFromAnotherProcess() throws Exception {
        Process child = child("try");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private Process child(String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EngineLockChild.class.getName(), mode,
                folder.toString(), host).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(child);
        return child;
    }
}
