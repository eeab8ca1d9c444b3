package io.mooring.backup;

import io.mooring.model.Host;
import io.mooring.model.PgNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's PostgreSQL as pg_dump and pg_restore reach it: from the inventory's {@code postgres_host},
 * {@code postgres_port}, {@code postgres_database}, {@code postgres_user}, {@code postgres_password} and
 * {@code postgres_ssl}; without {@code postgres_host}, the local component where the built-in definitions
 * publish it ({@code omni_ip_lan}, else 127.0.0.1) with their defaults. The password goes to the tools through
 * their environment, never their command line, and is never printed. Host, database and user must be plain names
 * ({@link PgNames}): the tools would take a connection string in a database name and connect wherever it says.
 */
public record PgConnection(String host, int port, String database, String user, String password, boolean ssl) {
    public PgConnection {
        plain("postgres_host", host, PgNames.isHost(host), "a host name or IP address");
        plain("postgres_database", database, PgNames.isPlainName(database), "a plain database name");
        plain("postgres_user", user, PgNames.isPlainName(user), "a plain user name");
    }

    public static PgConnection of(Host host) {
        Map<String, String> vars = host.vars();
        String port = vars.getOrDefault("postgres_port", "5432");
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("postgres_port '" + port + "' is not a port number");
        }
        boolean managed = vars.containsKey("postgres_host");
        String address = managed ? vars.get("postgres_host") : vars.getOrDefault("omni_ip_lan", "127.0.0.1");
        return new PgConnection(address, Integer.parseInt(port), vars.getOrDefault("postgres_database", "omnileads"),
                vars.getOrDefault("postgres_user", "omnileads"), vars.getOrDefault("postgres_password", managed ? "" : "admin123"),
                "true".equalsIgnoreCase(vars.getOrDefault("postgres_ssl", "false")));
    }

    public PgConnection withDatabase(String other) {
        return new PgConnection(host, port, other, user, password, ssl);
    }

    /**
     * The connection options every tool takes; {@code database} is the one to connect to, given as a connection string
     * built from quoted parts, so that no value is ever read as a connection string of its own.
     */
    List<String> options(String database) {
        plain("database", database, PgNames.isPlainName(database), "a plain database name");
        return List.of("--no-password", "-h", host, "-p", String.valueOf(port), "-U", user,
                "--dbname=dbname=" + quoted(database) + " host=" + quoted(host) + " port=" + port + " user=" + quoted(user));
    }

    /** A database name as createdb and dropdb take it: checked, since their name comes after every option. */
    String name(String database) {
        plain("database", database, PgNames.isPlainName(database), "a plain database name");
        return database;
    }

    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void plain(String what, String value, boolean ok, String must) {
        if (!ok) {
            throw new IllegalArgumentException(what + " '" + (value == null ? "" : value.length() > 40 ? value.substring(0, 40) + "..." : value)
                    + "' must be " + must + "; a connection string is not accepted");
        }
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGCONNECT_TIMEOUT", "10");
        // Never the agent's own ~/.pgpass: a tenant's database gets the tenant's password or none.
        env.put("PGPASSFILE", "/dev/null");
        env.put("PGSSLMODE", ssl ? "require" : "prefer");
        if (!password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    @Override
    public String toString() {
        return "database " + database + " at " + host + ":" + port + " as " + user;
    }
}
