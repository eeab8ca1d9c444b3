package io.mooring.state.jdbi;

import java.sql.Connection;
import java.util.Map;
import io.mooring.state.StateException;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Brings the state database's schema up to date with the changelog shipped in the jar. */
public final class SchemaMigrator {
    static final String CHANGELOG = "io/mooring/state/changelog.yml";

    private SchemaMigrator() {
    }

    @SuppressWarnings("deprecation") // Liquibase 4.33's command API needs more wiring for the same update.
    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                // Liquibase reports to the console by default; the command line's output is the user's.
                Map<String, Object> quiet = Map.of(Scope.Attr.ui.name(), new LoggerUIService(),
                        "liquibase.command.showSummaryOutput", "LOG");
                Scope.child(quiet, () -> liquibase.update(""));
            }
        } catch (Exception e) {
            throw new StateException("cannot bring the state database up to date: " + rootMessage(e), e);
        }
    }

    /** Liquibase wraps the cause several times over; the innermost message is the one that says what is wrong. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
