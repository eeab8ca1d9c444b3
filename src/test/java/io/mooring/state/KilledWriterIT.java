package io.mooring.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Deployment;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import io.mooring.state.jdbi.JdbiStateStore;
import io.mooring.wiring.Wiring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed right after it wrote to its own H2 store: what each write returned from is there when the store is
 * opened again. The writer is a process of its own that ends without closing anything ({@code Runtime.halt}, as
 * {@code kill -9} ends the agent), at once after its last write, well within the database's write delay.
 */
class KilledWriterIT {
    private static final String NODE = "n1";

    private static DataSource store(Path home) {
        JdbcDataSource h2 = new JdbcDataSource();
        // As the agent opens its own store, its settings (the write delay) included.
        h2.setURL(Wiring.embeddedDatabase(home).getUrl());
        h2.setUser("mooring");
        return h2;
    }

    /**
     * The killed agent: a rollout's journal entry, a deployment, a cleared journal entry; then the end, at once. As the
     * agent's connection pool does, it holds a connection open all along (H2 closes, and so stores, a database whose last
     * connection closes).
     */
    public static void main(String[] args) throws Exception {
        DataSource dataSource = store(Path.of(args[0]));
        java.sql.Connection pooled = dataSource.getConnection();
        StateStore store = JdbiStateStore.migrated(dataSource);
        Instant now = Instant.now();
        store.journal(new JournalRecord("acme", NODE, "web", "acme-web", JournalStep.CREATING, "", "acme-web-next", "old-id", "rev1", now));
        store.journal(new JournalRecord("acme", NODE, "db", "acme-db", JournalStep.CREATED, "", "acme-db-next", "old-db", "rev1", now));
        store.deployed(new Deployment("acme", NODE, "db", "new-db", "registry/db:1", "sha256:d", "hash", "rev1", now));
        store.clearJournal("acme", NODE, "db");
        Runtime.getRuntime().halt(pooled.isClosed() ? 1 : 9);
    }

    @Test
    void whatAWriteReturnedFromSurvivesAKillRightAfter(@TempDir Path home) throws Exception {
        for (int run = 0; run < 3; run++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), KilledWriterIT.class.getName(), home.resolve("run" + run).toString())
                    .redirectErrorStream(true).start();
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as(output).isEqualTo(9);

            StateStore reopened = JdbiStateStore.migrated(store(home.resolve("run" + run)));
            assertThat(reopened.journal("acme", NODE)).as("the journal after run " + run)
                    .extracting(JournalRecord::component, JournalRecord::step)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("web", JournalStep.CREATING));
            assertThat(reopened.deployments("acme", NODE).values()).as("the deployments after run " + run)
                    .extracting(Deployment::containerId).isEqualTo(List.of("new-db"));
        }
    }
}
