package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.state.jdbi.JdbiPassOutbox;
import io.mooring.state.jdbi.JdbiStateStore;
import io.mooring.state.jdbi.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Passes that had nothing to do, in a row, are one row of the history with a count and the last time, on both databases. */
class PassRepeatsIT {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final List<ActionRecord> KEPT = List.of(new ActionRecord("web", ActionVerb.KEEP, "up to date", ActionOutcome.SKIPPED, ""));

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static DataSource postgresql() throws Exception {
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        pg.setUser("postgres");
        return pg;
    }

    private static PassRecord pass(String revision, String message, List<ActionRecord> actions, int second) {
        return new PassRecord("acme", "n1", revision, PassStatus.CONVERGED, message, actions, T0.plusSeconds(second),
                T0.plusSeconds(second + 1));
    }

    private static PassRecord noop(String revision, int second) {
        return pass(revision, PassRecord.NOTHING_TO_DO, KEPT, second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void nothingToDoInARowIsOneRowWithACount(String kind) throws Exception {
        DataSource dataSource = kind.equals("h2") ? h2() : postgresql();
        SchemaMigrator.migrate(dataSource);
        StateStore store = new JdbiStateStore(Jdbi.create(dataSource));
        store.record(pass("aaa", "1 change(s) applied", List.of(new ActionRecord("web", ActionVerb.CREATE, "missing",
                ActionOutcome.DONE, "created")), 0));
        store.record(noop("aaa", 30));
        store.record(noop("aaa", 60));
        store.record(noop("aaa", 90));

        List<PassRecord> history = store.recent("acme", 10);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).repeats()).isEqualTo(3);
        assertThat(history.get(0).started()).isEqualTo(T0.plusSeconds(30));
        assertThat(history.get(0).lastFinished()).isEqualTo(T0.plusSeconds(91));
        assertThat(history.get(0).actions()).isEqualTo(KEPT);
        assertThat(history.get(1).repeats()).as("a pass that changed something counts once").isEqualTo(1);

        // A new revision, a change between, or other actions start a row of their own.
        store.record(noop("bbb", 120));
        store.record(pass("bbb", "1 change(s) applied", List.of(new ActionRecord("web", ActionVerb.REPLACE, "changed",
                ActionOutcome.DONE, "replaced")), 150));
        store.record(noop("bbb", 180));
        store.record(pass("bbb", PassRecord.NOTHING_TO_DO, List.of(), 210));
        assertThat(store.recent("acme", 10)).extracting(PassRecord::repeats).containsExactly(1, 1, 1, 1, 3, 1);
        assertThat(store.last("acme", "n1")).get().extracting(PassRecord::repeats).isEqualTo(1);
    }

    @Test
    void aCountedRepeatReachesTheSharedHistory() throws Exception {
        DataSource own = h2();
        DataSource shared = postgresql();
        StateStore store = JdbiStateStore.withOutbox(own);
        PassOutbox outbox = new JdbiPassOutbox(own, shared, JdbiPassOutbox.DEFAULT_BOUND);
        store.record(noop("aaa", 0));
        assertThat(outbox.copy().copied()).isEqualTo(1);
        store.record(noop("aaa", 30));
        store.record(noop("aaa", 60));
        assertThat(outbox.copy().copied()).isEqualTo(1);
        assertThat(outbox.copy().copied()).isZero();

        List<PassRecord> history = JdbiStateStore.on(shared).recent("acme", 10);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).repeats()).isEqualTo(3);
        assertThat(history.get(0).lastFinished()).isEqualTo(T0.plusSeconds(61));
    }
}
