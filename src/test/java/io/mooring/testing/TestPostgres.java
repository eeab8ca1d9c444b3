package io.mooring.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Databases of the machine's PostgreSQL (127.0.0.1:5432, trust) that a test creates, fills, counts and drops. */
public final class TestPostgres {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String USER = "postgres";

    private TestPostgres() {
    }

    public static String newDatabaseName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, "");
    }

    public static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A new database with a table {@code items} of {@code rows} rows of about 1 KiB each (hex, half compressible). */
    public static void create(String database, int rows) throws SQLException {
        execute("postgres", "CREATE DATABASE " + database);
        execute(database, "CREATE TABLE items (id serial PRIMARY KEY, payload text NOT NULL)",
                "INSERT INTO items (payload) SELECT (SELECT string_agg(md5(random()::text || g::text || s::text), '') FROM generate_series(1, 32) s)"
                        + " FROM generate_series(1, " + rows + ") g");
    }

    public static long count(String database, String table) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    public static boolean exists(String database) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            return result.next();
        }
    }

    public static void drop(String database) throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
}
