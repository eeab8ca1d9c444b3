package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.state.jdbi.JdbiLeadership;
import io.mooring.testing.Await;
import io.mooring.testing.TestPostgres;
import io.mooring.testing.TestStateDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader election on the real PostgreSQL, each contender on its own connection (its own session): one leads;
 * another takes over only once the lease ran out, at a higher epoch; a leader that keeps its lock but stops renewing
 * (paused) loses the lease a further lease later; on H2 the agent leads itself.
 */
class LeadershipIT {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private TestStateDb db;
    private final List<Leadership> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = TestStateDb.create("leader");
    }

    @AfterEach
    void tearDown() throws Exception {
        opened.forEach(Leadership::close);
        db.close();
    }

    private Leadership contender(String node) {
        Leadership leadership = JdbiLeadership.of(db.url(), TestPostgres.USER, "", new Properties(), node);
        opened.add(leadership);
        return leadership;
    }

    @Test
    void oneLeadsAndAnotherTakesOverAtAHigherEpochOnlyAfterTheLeaseOfADeadLeaderRanOut() {
        Leadership a = contender("node-a");
        Leadership b = contender("node-b");
        Optional<Leadership.Term> first = a.tryLead(Optional.empty(), LEASE);
        assertThat(first).contains(new Leadership.Term("node-a", 1));
        assertThat(b.tryLead(Optional.empty(), LEASE)).as("a leads").isEmpty();
        assertThat(a.tryLead(first, LEASE)).as("renewed, same epoch").isEqualTo(first);

        a.close(); // its session ends: the lock is free, the lease still runs
        assertThat(b.tryLead(Optional.empty(), LEASE)).as("not before the lease ran out").isEmpty();
        Optional<Leadership.Term> second = Await.until(Duration.ofSeconds(10), () -> b.tryLead(Optional.empty(), LEASE), Optional::isPresent);

        assertThat(second).contains(new Leadership.Term("node-b", 2));
        assertThat(b.lease()).get().extracting(Leadership.Lease::holder, Leadership.Lease::epoch).containsExactly("node-b", 2L);
        Leadership aAgain = contender("node-a");
        assertThat(aAgain.tryLead(first, LEASE)).as("the old term cannot be renewed").isEmpty();
        assertThat(b.tryLead(second, LEASE)).isEqualTo(second);
    }

    @Test
    void aLeaderThatKeepsItsLockButStopsRenewingLosesTheLeaseOneLeaseAfterItRanOut() {
        Leadership a = contender("node-a");
        Leadership b = contender("node-b");
        Optional<Leadership.Term> first = a.tryLead(Optional.empty(), LEASE);
        long started = System.nanoTime();

        Optional<Leadership.Term> second = Await.until(Duration.ofSeconds(15), () -> b.tryLead(Optional.empty(), LEASE), Optional::isPresent);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the lock's holder gets a further lease")
                .isGreaterThanOrEqualTo(LEASE.multipliedBy(2));
        assertThat(second).contains(new Leadership.Term("node-b", 2));
        assertThat(a.tryLead(first, LEASE)).as("the paused leader, running again, finds its term gone").isEmpty();
        assertThat(b.tryLead(second, LEASE)).as("and the new leader keeps it").isEqualTo(second);
    }

    @Test
    void aLeaderThatResignsLetsTheNextInLineTakeOverAtOnce() {
        Leadership a = contender("node-a");
        Leadership b = contender("node-b");
        Leadership.Term first = a.tryLead(Optional.empty(), Duration.ofMinutes(5)).orElseThrow();
        a.resign(first);
        assertThat(b.tryLead(Optional.empty(), LEASE)).contains(new Leadership.Term("node-b", 2));
    }

    @Test
    void onH2TheAgentLeadsItselfAtEpochOne() {
        JdbcDataSource h2 = new JdbcDataSource();
        String url = "jdbc:h2:mem:leader-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        h2.setURL(url);
        io.mooring.wiring.Wiring.store(h2);
        Leadership alone = JdbiLeadership.of(url, "", "", new Properties(), "node-a");
        opened.add(alone);
        Optional<Leadership.Term> term = alone.tryLead(Optional.empty(), LEASE);
        assertThat(term).contains(new Leadership.Term("node-a", 1));
        assertThat(alone.tryLead(term, LEASE)).isEqualTo(term);
        SingletonRuns runs = new io.mooring.state.jdbi.JdbiSingletonRuns(org.jdbi.v3.core.Jdbi.create(h2));
        java.time.Instant slot = java.time.Instant.parse("2026-11-30T03:00:00Z");
        assertThat(runs.claim("backup:acme", slot, term.get())).isEqualTo(SingletonRuns.Claim.CLAIMED);
        assertThat(runs.mayCommit("backup:acme", slot, term.get())).isTrue();
        assertThat(runs.finished("backup:acme", slot, term.get(), true, "backup 1")).isTrue();
        assertThat(runs.claim("backup:acme", slot, term.get())).as("a slot done is not run again").isEqualTo(SingletonRuns.Claim.TAKEN);
    }
}
