package io.mooring.backup;

import io.mooring.model.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's PostgreSQL as pg_dump and pg_restore reach it: from the inventory's {@code postgres_host},
 * {@code postgres_port}, {@code postgres_database}, {@code postgres_user}, {@code postgres_password} and
 * {@code postgres_ssl}; without {@code postgres_host}, the local component where the built-in definitions
 * publish it ({@code omni_ip_lan}, else 127.0.0.1) with their defaults. The password goes to the tools through
 * their environment, never their command line, and is never printed.
 */
public record PgConnection(String host, int port, String database, String user, String password, boolean ssl) {
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

    /** The connection options every tool takes; {@code database} is the one to connect to. */
    List<String> options(String database) {
        return List.of("--no-password", "-h", host, "-p", String.valueOf(port), "-U", user, "-d", database);
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGCONNECT_TIMEOUT", "10");
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
