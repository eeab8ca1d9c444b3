package io.mooring.model;

import java.util.regex.Pattern;

/**
 * What a tenant may set as its PostgreSQL's host, database and user. pg_dump and its kin read a database name
 * with {@code =} or a URI prefix as a whole connection string, so a tenant could point the agent (and the password
 * it sends) anywhere, or at a service file; only plain names and host names or addresses pass.
 */
public final class PgNames {
    /** PostgreSQL's identifier length; never starting with '-', which a tool would read as an option. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,62}");
    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private PgNames() {
    }

    /** A database or user name: letters, digits, '_', '-' and '.', at most 63, not starting with '-'. */
    public static boolean isPlainName(String name) {
        return name != null && PLAIN.matcher(name).matches();
    }

    /** A host name, an IPv4 address or an IPv6 address: never a socket path, a list or a connection string. */
    public static boolean isHost(String host) {
        return host != null && (HOST_NAME.matcher(host).matches() || IPV4.matcher(host).matches()
                || host.contains(":") && IPV6.matcher(host).matches());
    }
}
