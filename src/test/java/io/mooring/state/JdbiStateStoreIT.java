package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The state store on both databases it supports: embedded H2 and the PostgreSQL on this machine. */
class JdbiStateStoreIT {
    private static DataSource dataSource(String kind) throws Exception {
        if (kind.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
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

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void recordsPassesWithTheirActionsNewestFirst(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        SchemaMigrator.migrate(dataSource);
        SchemaMigrator.migrate(dataSource); // a second start finds the schema current
        StateStore store = new JdbiStateStore(Jdbi.create(dataSource));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        store.record(new PassRecord("acme", "n1", "aaa", PassStatus.CONVERGED, "1 change(s) applied",
                List.of(new ActionRecord("web", ActionVerb.CREATE, "missing", ActionOutcome.DONE, "created acme-web")), t0, t0.plusSeconds(2)));
        store.record(new PassRecord("acme", "n1", "bbb", PassStatus.INVALID, "inventory.yml:3:1: bad", List.of(), t0.plusSeconds(5), t0.plusSeconds(5)));
        store.record(new PassRecord("globex", "n1", "ccc", PassStatus.CONVERGED, "nothing to do", List.of(), t0, t0));

        List<PassRecord> acme = store.recent("acme", 10);
        assertThat(acme).extracting(PassRecord::revision).containsExactly("bbb", "aaa");
        assertThat(acme.get(1).actions()).containsExactly(new ActionRecord("web", ActionVerb.CREATE, "missing", ActionOutcome.DONE, "created acme-web"));
        assertThat(acme.get(1).started()).isEqualTo(t0);
        assertThat(acme.get(0).status()).isEqualTo(PassStatus.INVALID);
        assertThat(store.recent(null, 2)).extracting(PassRecord::tenant).containsExactly("globex", "acme");
        assertThat(store.last("acme", "n1")).get().extracting(PassRecord::revision, PassRecord::status)
                .containsExactly("bbb", PassStatus.INVALID);
        assertThat(store.last("acme", "other-node")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void keepsABoundedHistoryPerTenant(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        SchemaMigrator.migrate(dataSource);
        StateStore store = new JdbiStateStore(Jdbi.create(dataSource), 3);
        Instant t0 = Instant.now();
        for (int i = 1; i <= 10; i++) {
            for (String tenant : List.of("acme", "globex")) {
                store.record(new PassRecord(tenant, "n1", "rev" + i, PassStatus.CONVERGED, "", List.of(
                        new ActionRecord("web", ActionVerb.KEEP, "up to date", ActionOutcome.SKIPPED, "")), t0, t0));
            }
        }
        for (String tenant : List.of("acme", "globex")) {
            assertThat(store.recent(tenant, 100)).extracting(PassRecord::revision).containsExactly("rev10", "rev9", "rev8");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pass_actions")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the actions of pruned passes go with them").isEqualTo(6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void pruningOneNodesHistoryKeepsTheOtherNodesPassesOfTheSameTenant(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        SchemaMigrator.migrate(dataSource);
        // Two agents sharing one database, each with its own store.
        StateStore first = new JdbiStateStore(Jdbi.create(dataSource), 3);
        StateStore second = new JdbiStateStore(Jdbi.create(dataSource), 3);
        Instant t0 = Instant.now();
        for (int i = 1; i <= 3; i++) {
            first.record(new PassRecord("acme", "n1", "n1-rev" + i, PassStatus.CONVERGED, "", List.of(), t0, t0));
        }
        for (int i = 1; i <= 10; i++) {
            second.record(new PassRecord("acme", "n2", "n2-rev" + i, PassStatus.CONVERGED, "", List.of(), t0, t0));
        }
        assertThat(first.last("acme", "n1")).get().extracting(PassRecord::revision).isEqualTo("n1-rev3");
        assertThat(first.recent("acme", 100)).extracting(PassRecord::revision)
                .containsExactly("n2-rev10", "n2-rev9", "n2-rev8", "n1-rev3", "n1-rev2", "n1-rev1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aJournalStepIsStoredAsItsWordAndAWordNoStepHasReadsAsUnknown(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        SchemaMigrator.migrate(dataSource);
        StateStore store = new JdbiStateStore(Jdbi.create(dataSource));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.journal(new JournalRecord("acme", "n1", "db", "acme-db", JournalStep.HOOK, "migrate", "new1", "old1", "aaa", t0));
        store.journal(new JournalRecord("acme", "n1", "web", "acme-web", JournalStep.HEALTHY, "", "new2", "old2", "aaa", t0));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (java.sql.ResultSet rs = s.executeQuery("SELECT step FROM journal ORDER BY component")) {
                List<String> words = new java.util.ArrayList<>();
                while (rs.next()) {
                    words.add(rs.getString(1));
                }
                assertThat(words).as("the words earlier versions wrote and read").containsExactly("hook-migrate", "healthy");
            }
            s.executeUpdate("UPDATE journal SET step = 'draining' WHERE component = 'web'");
        }
        assertThat(store.journal("acme", "n1")).extracting(JournalRecord::component, JournalRecord::step, JournalRecord::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db", JournalStep.HOOK, "migrate"),
                        org.assertj.core.groups.Tuple.tuple("web", JournalStep.UNKNOWN, "draining"));
    }
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPassWhoseMessagesHoldNulAndOtherControlCharactersIsRecordedAndReadBackEscaped(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        SchemaMigrator.migrate(dataSource);
        StateStore store = new JdbiStateStore(Jdbi.create(dataSource));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String hostile = "token=a\0b\u0001c\u001b[31m\r\nnext\tline \ud800 end";
        String escaped = "token=a\\u0000b\\u0001c\\u001b[31m\\u000d\nnext\tline \\ud800 end";
        String ordinary = "ünïcödé 🚢 C:\\path\\u0000 stays\n\tas written";

        store.record(new PassRecord("acme", "n1", "aaa", PassStatus.FAILED, hostile, List.of(
                new ActionRecord("web", ActionVerb.CREATE, "hook said " + hostile, ActionOutcome.FAILED, "logs: " + hostile),
                new ActionRecord("db", ActionVerb.KEEP, ordinary, ActionOutcome.SKIPPED, ordinary)), t0, t0));
        store.journal(new JournalRecord("acme", "n1", "web", "acme-web", JournalStep.HOOK, "mig\0rate", "new\0", "old", "aaa", t0));

        PassRecord read = store.recent("acme", 1).get(0);
        assertThat(read.message()).isEqualTo(escaped);
        assertThat(read.actions()).extracting(ActionRecord::reason, ActionRecord::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hook said " + escaped, "logs: " + escaped),
                        org.assertj.core.groups.Tuple.tuple(ordinary, ordinary));
        assertThat(store.last("acme", "n1")).get().extracting(PassRecord::message).isEqualTo(escaped);
        assertThat(store.journal("acme", "n1")).extracting(JournalRecord::detail, JournalRecord::newRef)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mig\\u0000rate", "new\\u0000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aMessageOfSeveralMegabytesIsStoredCutWithANoteOfWhatWasLeftOut(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        SchemaMigrator.migrate(dataSource);
        StateStore store = new JdbiStateStore(Jdbi.create(dataSource));
        Instant t0 = Instant.now();
        String huge = "x".repeat(3_000_000);

        store.record(new PassRecord("acme", "n1", "aaa", PassStatus.FAILED, huge, List.of(
                new ActionRecord("web", ActionVerb.CREATE, "missing", ActionOutcome.FAILED, huge)), t0, t0));

        PassRecord read = store.recent("acme", 1).get(0);
        String kept = "x".repeat(32 * 1024) + " [cut: " + (3_000_000 - 32 * 1024) + " more characters]";
        assertThat(read.message()).isEqualTo(kept);
        assertThat(read.actions().get(0).message()).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCurrentSchemaIsLeftAloneAndAMissingChangeSetIsApplied(String kind) throws Exception {
        DataSource dataSource = dataSource(kind);
        SchemaMigrator.migrate(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // Liquibase would wait minutes for this lock; a current schema must not need it.
            s.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'elsewhere'");
        }
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> SchemaMigrator.migrate(dataSource));

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE databasechangeloglock SET locked = FALSE, lockedby = NULL");
            s.executeUpdate("DELETE FROM databasechangelog WHERE id = '6-leader-singleton-runs'");
            s.execute("DROP TABLE singleton_runs");
        }
        SchemaMigrator.migrate(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT COUNT(*) FROM singleton_runs").next()).isTrue();
        }
    }
}
