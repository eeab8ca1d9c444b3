package io.mooring.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.backup.Backups;
import io.mooring.backup.LocalDirectoryTarget;
import io.mooring.backup.Manifest;
import io.mooring.testing.Await;
import io.mooring.testing.TestStateDb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leadership between agent processes on the real PostgreSQL (lease 4 s, renew 3 s, retry 1 s): of three, one leads;
 * kill -9 of the leader moves leadership to another within the lease, at a higher epoch; a leader paused (SIGSTOP)
 * while it runs a singleton backup is taken over, and once it runs again (SIGCONT) its backup is fenced: it writes no
 * manifest, and the slot's only backup is the new leader's.
 */
class ElectionIT {
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration RETRY = Duration.ofSeconds(1);

    @TempDir
    Path tmp;
    private TestStateDb db;
    private final Map<Process, List<String>> said = new ConcurrentHashMap<>();
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = TestStateDb.create("election");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process child : children) {
            signal("CONT", child);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        db.close();
    }

    @Test
    void killingTheLeaderMovesLeadershipWithinTheLeaseAtAHigherEpoch() throws Exception {
        List<Process> agents = List.of(agent("node-a"), agent("node-b"), agent("node-c"));
        Process leader = Await.until(Duration.ofSeconds(20), () -> leading(agents, "leads 1"), Optional::isPresent).orElseThrow();
        Thread.sleep(RETRY.multipliedBy(2).toMillis());
        assertThat(agents.stream().filter(a -> said.get(a).contains("leads 1"))).as("one leads").hasSize(1);

        // A leader whose round came late on a busy machine takes its own lease again, one epoch up: the epoch to beat is its last.
        long epoch = said.get(leader).stream().filter(l -> l.startsWith("leads ")).mapToLong(l -> Long.parseLong(l.substring(6))).max()
                .orElseThrow();
        leader.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: its session ends, nothing resigns
        long killed = System.nanoTime();
        List<Process> others = agents.stream().filter(a -> a != leader).toList();
        Process next = Await.until(LEASE.multipliedBy(3), () -> leadingAbove(others, epoch), Optional::isPresent).orElseThrow();

        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("within the lease (and the round that notices it)")
                .isLessThan(LEASE.plus(RETRY.multipliedBy(2)));
        Thread.sleep(RETRY.multipliedBy(2).toMillis());
        assertThat(others.stream().filter(a -> lastSaid(a).startsWith("leads "))).as("one leads").containsExactly(next);
    }

    private Optional<Process> leadingAbove(List<Process> agents, long epoch) {
        return agents.stream().filter(a -> said.get(a).stream().anyMatch(l -> l.startsWith("leads ") && Long.parseLong(l.substring(6)) > epoch))
                .findFirst();
    }

    private String lastSaid(Process agent) {
        List<String> lines = said.get(agent);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    void aPausedLeaderIsTakenOverAndOnceItRunsAgainItsBackupIsFencedAndWritesNoManifest() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(folder.resolve("file.txt"), "kept\n");
        Path target = tmp.resolve("target");
        Process first = agent("node-a", folder.toString(), target.toString());
        Await.until(Duration.ofSeconds(20), () -> said.get(first), lines -> lines.contains("claimed 1"));

        signal("STOP", first);
        Process second = agent("node-b", folder.toString(), target.toString());
        Await.until(LEASE.multipliedBy(5), () -> said.get(second), lines -> lines.stream().anyMatch(l -> l.startsWith("outcome ")));
        assertThat(said.get(second)).contains("leads 2").anyMatch(l -> l.startsWith("outcome DONE backup "));

        signal("CONT", first);
        try (OutputStream in = first.getOutputStream()) {
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
        }
        String outcome = Await.until(Duration.ofSeconds(20), () -> said.get(first).stream().filter(l -> l.startsWith("outcome ")).findFirst(),
                Optional::isPresent).orElseThrow();

        assertThat(outcome).startsWith("outcome FENCED ").contains("was not committed").contains("epoch 1");
        try (Backups backups = new Backups(new LocalDirectoryTarget(target), "mooring", Clock.systemUTC())) {
            List<Manifest> made = backups.list("acme", "node-a");
            assertThat(made).as("the slot's one backup, the new leader's").hasSize(1);
            assertThat(said.get(second)).contains("outcome DONE backup " + made.get(0).id());
        }
        assertThat(Await.until(Duration.ofSeconds(10), () -> said.get(first), lines -> lines.contains("follows")))
                .as("running again, it no longer leads").contains("follows");
    }

    private Optional<Process> leading(List<Process> agents, String line) {
        return agents.stream().filter(a -> said.get(a).contains(line)).findFirst();
    }

    private Process agent(String node, String... backup) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), ElectionChild.class.getName(),
                db.url(), node, String.valueOf(LEASE.toMillis()), "3000", String.valueOf(RETRY.toMillis())));
        command.addAll(List.of(backup));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(child);
        List<String> lines = new CopyOnWriteArrayList<>();
        said.put(child, lines);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (Exception e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private static void signal(String signal, Process child) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
}
