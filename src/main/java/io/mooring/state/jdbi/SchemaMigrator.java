package io.mooring.state.jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.mooring.state.StateException;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the state database's schema up to date with the changelog shipped in the jar. A schema that already
 * holds every change set of the changelog is left alone without starting Liquibase, which would take seconds of
 * every command's start to find nothing to do.
 */
public final class SchemaMigrator {
    static final String CHANGELOG = "io/mooring/state/changelog.yml";
    private static final Pattern CHANGE_SET_ID = Pattern.compile("(?m)^\\s*-\\s*changeSet:\\s*\\n\\s+id:\\s*(\\S+)\\s*$");
    private static final Pattern CHANGE_SET = Pattern.compile("(?m)^\\s*-\\s*changeSet:");
    /** The ids of the change sets the jar's changelog holds. */
    private static final Set<String> CHANGE_SETS = changeSets();

    private SchemaMigrator() {
    }

    @SuppressWarnings("deprecation") // Liquibase 4.33's command API needs more wiring for the same update.
    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (applied(connection).containsAll(CHANGE_SETS)) {
                return;
            }
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

    /** The change sets the database says were applied; none when it has no changelog table yet. */
    private static Set<String> applied(Connection connection) {
        Set<String> ids = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM databasechangelog")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            rollBack(connection); // PostgreSQL refuses every statement after a failed one in a transaction
            return Set.of(); // no such table: Liquibase creates it
        }
        return ids;
    }

    private static void rollBack(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // Liquibase reports what is wrong with this connection
        }
    }

    static Set<String> changeSets() {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
            if (in == null) {
                throw new IllegalStateException(CHANGELOG + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher ids = CHANGE_SET_ID.matcher(text);
            Set<String> found = new LinkedHashSet<>();
            while (ids.find()) {
                found.add(ids.group(1));
            }
            if (found.isEmpty()) {
                throw new IllegalStateException(CHANGELOG + " names no change set");
            }
            if (found.size() != CHANGE_SET.matcher(text).results().count()) {
                // A change set whose id is not its first key is not found above: Liquibase is asked every time instead.
                found.add("(a change set without its id first)");
            }
            return Set.copyOf(found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Liquibase wraps the cause several times over; the innermost message is the one that says what is wrong. */
    /**
     * What the database's driver said (H2 names the file it could not read there), then the root cause, which a
     * damaged file leaves without a message of its own: {@code IO Exception: "/var/lib/mooring/state.mv.db" [90028-240];
     * EOFException}.
     */
    private static String rootMessage(Throwable e) {
        String driver = null;
        Throwable root = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (driver == null && cause instanceof SQLException && cause.getMessage() != null) {
                driver = cause.getMessage();
            }
            root = cause;
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (driver != null && !driver.contains(message)) {
            message = driver + "; " + message;
        }
        return message.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
