package io.mooring.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, made with Debian's binaries in a temporary folder, listening on a free port of
 * 127.0.0.1 (trust, user {@code postgres}), which the test may stop and start again: for what must hold while the state
 * database is away. The machine's server on 5432 ({@link TestPostgres}) is shared by every test and is never stopped.
 * PostgreSQL refuses to run as root, so a root test runs it as the {@code postgres} user.
 */
public final class ThrowawayPostgres implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String USER = "postgres";
    private static final Path BIN = Path.of(System.getProperty("mooring.test.pgbin", "/usr/lib/postgresql/15/bin"));
    private final Path folder;
    private final Path data;
    private final int port;
    private boolean running;

    private ThrowawayPostgres(Path folder, int port) {
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
    }

    /** A new, empty cluster, started. */
    public static ThrowawayPostgres start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN.resolve("initdb") + " is missing: install Debian's postgresql package"
                    + " (scripts/test-env expects it) or name its bin folder with -Dmooring.test.pgbin");
        }
        Path folder = Files.createTempDirectory("mooring-pg");
        if (asRoot()) {
            // The server runs as postgres: the folder (and its socket) must be its own.
            UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
            Files.setOwner(folder, postgres);
        }
        ThrowawayPostgres server = new ThrowawayPostgres(folder, Http.freePort());
        server.run(BIN.resolve("initdb").toString(), "-D", server.data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--no-sync", "--no-instructions");
        server.startAgain();
        return server;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public int port() {
        return port;
    }

    /** The JDBC address of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** The agent's {@code database:} block for {@code database} on this server. */
    public String agentDatabaseBlock(String database) {
        return """
                database:
                  driverClass: org.postgresql.Driver
                  url: %s
                  user: %s
                """.formatted(jdbcUrl(database), USER);
    }

    /** Starts the server again (after {@link #stop}), on the same port with the same data; waits until it answers. */
    public void startAgain() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", folder.resolve("server.log").toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -k " + folder + " -c listen_addresses=" + HOST + " -c fsync=off", "start");
        running = true;
    }

    /** Stops the server as an operator's {@code pg_ctl stop -m fast} does: sessions are cut, new ones refused. */
    public void stop() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
        running = false;
    }

    public boolean running() {
        return running;
    }

    public void createDatabase(String name) throws SQLException {
        execute("postgres", "CREATE DATABASE " + name);
    }

    public void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of the first row of {@code query}, as a long (a count). */
    public long queryLong(String database, String query) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            if (!result.next()) {
                throw new IllegalStateException("no row from " + query);
            }
            return result.getLong(1);
        }
    }

    /** The first two columns of every row of {@code query}, as text, in the order of the rows. */
    public java.util.Map<String, String> pairs(String database, String query) throws SQLException {
        java.util.Map<String, String> pairs = new java.util.LinkedHashMap<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                pairs.put(result.getString(1), result.getString(2));
            }
        }
        return pairs;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Runs a PostgreSQL binary, as postgres when the test runs as root; fails with its output on a non-zero exit. */
    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(asRoot() ? List.of("runuser", "-u", USER, "--") : List.of());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(folder.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out + log());
        }
    }

    private String log() throws IOException {
        Path log = folder.resolve("server.log");
        return Files.exists(log) ? "\n--- server.log\n" + Files.readString(log) : "";
    }

    /** Stops the server at once and deletes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (running) {
            run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            running = false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
