package io.mooring.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pg_dump against the machine's PostgreSQL, held up by a lock: it is killed at the agent's dump timeout. */
class DumpTimeoutIT {
    @TempDir
    Path store;

    private final String database = TestPostgres.newDatabaseName("it_dump_timeout");

    @BeforeEach
    void createDatabase() throws Exception {
        TestPostgres.create(database, 10);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestPostgres.drop(database);
    }

    @Test
    void aDumpHeldUpByALockIsKilledAtTheDumpTimeoutAndLeavesNoBackup() throws Exception {
        PgConnection connection = new PgConnection(TestPostgres.HOST, TestPostgres.PORT, database, TestPostgres.USER, "", false);
        Backups.Job job = new Backups.Job("acme", "n1", "aaa", Optional.of(connection), List.of(), List.of());
        try (Connection locker = DriverManager.getConnection("jdbc:postgresql://" + TestPostgres.HOST + ":" + TestPostgres.PORT + "/"
                + database, TestPostgres.USER, "");
             Statement statement = locker.createStatement();
             Backups backups = new Backups(new LocalDirectoryTarget(store), "mooring", Clock.systemUTC(), Duration.ofSeconds(2))) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE"); // pg_dump waits for it, writing nothing
            long started = System.nanoTime();

            assertThatThrownBy(() -> backups.run(job)).isInstanceOf(IOException.class)
                    .hasMessageContaining("pg_dump of ").hasMessageContaining(database)
                    .hasMessageContaining("did not finish within 2 seconds (the agent's backup.dumpTimeout) and was stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(backups.list("acme", "n1")).as("a killed dump is no backup").isEmpty();
            locker.rollback();
        }
    }

    @Test
    void aDumpWithinItsTimeGoesThrough() throws Exception {
        PgConnection connection = new PgConnection(TestPostgres.HOST, TestPostgres.PORT, database, TestPostgres.USER, "", false);
        try (Backups backups = new Backups(new LocalDirectoryTarget(store), "mooring", Clock.systemUTC(), Duration.ofMinutes(1))) {
            Manifest made = backups.run(new Backups.Job("acme", "n1", "aaa", Optional.of(connection), List.of(), List.of()));
            assertThat(backups.list("acme", "n1")).extracting(Manifest::id).containsExactly(made.id());
        }
    }
}
