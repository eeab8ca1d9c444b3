package io.mooring.leader;

import io.mooring.backup.Backups;
import io.mooring.backup.LocalDirectoryTarget;
import io.mooring.state.Leadership;
import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.state.jdbi.JdbiSingletonRuns;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An agent, as far as leadership goes: {@code URL NODE LEASE_MS RENEW_MS RETRY_MS [FOLDER TARGET]} runs the election and
 * says "leads EPOCH" or "follows" when that changes. With a folder and a target, once it leads it runs the slot
 * {@link #SLOT} of the singleton job {@link #JOB}: a real backup of the folder into the target, its manifest fenced;
 * under epoch 1 it says "claimed 1" and waits for a line on its input before it goes on. It ends with "outcome ...".
 */
public final class ElectionChild {
    static final String JOB = "backup:acme";
    static final Instant SLOT = Instant.parse("2026-11-30T03:00:00Z");

    private ElectionChild() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(args[0]);
        pg.setUser("postgres");
        Leadership leadership = JdbiLeadership.of(args[0], "postgres", "", new Properties(), args[1]);
        Election election = new Election(leadership, args[1], new Election.Timings(Duration.ofMillis(Long.parseLong(args[2])),
                Duration.ofMillis(Long.parseLong(args[3])), Duration.ofMillis(Long.parseLong(args[4]))));
        Singletons singletons = new Singletons(election, new JdbiSingletonRuns(Jdbi.create(pg)));
        election.start();
        Optional<Leadership.Term> said = Optional.empty();
        boolean ran = false;
        while (true) {
            Optional<Leadership.Term> now = election.term();
            if (!now.equals(said)) {
                say(now.map(t -> "leads " + t.epoch()).orElse("follows"));
                said = now;
            }
            if (now.isPresent() && args.length > 5 && !ran) {
                ran = true;
                Singletons.Result result = singletons.run(JOB, SLOT, fence -> backup(Path.of(args[5]), Path.of(args[6]), fence, now.get()));
                say("outcome " + result.outcome() + " " + result.message());
            }
            Thread.sleep(100);
        }
    }

    private static String backup(Path folder, Path target, Fence fence, Leadership.Term term) throws Exception {
        if (term.epoch() == 1) {
            say("claimed 1");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        try (Backups backups = new Backups(new LocalDirectoryTarget(target), "mooring", Clock.systemUTC())) {
            return "backup " + backups.run(new Backups.Job("acme", "node-a", "abc123", Optional.empty(), List.of(folder.toString()),
                    List.of()), fence::refusal).id();
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
