package io.mooring.model;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inventory variables whose meaning Mooring knows, and what their values may be: checked where a literal
 * value is written, and on a value holding Jinja once it is filled in for a host, where it is used.
 */
public final class VarRules {
    public static final String INFRA_ENV = "infra_env";
    public static final String NAT_IP = "nat_ip_addr";
    /** Where a tenant runs: {@code docker} (the default: containers on each host) or {@code swarm} (one Swarm service a component). */
    public static final String ENGINE = "mooring_engine";
    public static final String SWARM = "swarm";
    /** OMNILEADS.md 3.6: how the instance is reached. nat needs nat_ip_addr. */
    public static final Set<String> INFRA_ENVS = Set.of("cloud", "lan", "nat", "hybrid", "all", "custom");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Map<String, Set<String>> KNOWN_CHOICES = Map.of(
            INFRA_ENV, INFRA_ENVS,
            "certs", Set.of("selfsigned", "custom", "certbot", "acme"),
            "mooring_self_heal", Set.of("off", "report", "heal"),
            ENGINE, Set.of("docker", SWARM));

    private VarRules() {
    }

    /** What is wrong with the variable's value, or null when nothing is (or Mooring does not know the variable). */
    public static String problem(String name, String value) {
        if (value.isEmpty()) {
            return null;
        }
        // A <component>_version is an image tag or a digest, never anything a shell or a path could make use of.
        if (name.endsWith("_version") && !ImageRef.isTagOrDigest(value)) {
            return name + " '" + Jinja.shorten(value) + "' is not an image tag: 1-128 letters, digits,"
                    + " '_', '.' or '-' not starting with '.' or '-', or sha256: and 64 hex digits";
        }
        if (!postgresOk(name, value)) {
            return name + " '" + Jinja.shorten(value) + "' must be a plain " + (name.equals("postgres_host")
                    ? "host name or IP address" : name.equals("postgres_user") ? "user name" : "database name")
                    + (name.equals("postgres_host") ? "" : ": letters, digits, '_', '-' or '.', at most 63, not starting with '-'")
                    + "; a connection string is not accepted";
        }
        if (name.equals(NAT_IP) && !IPV4.matcher(value).matches()) {
            return NAT_IP + " '" + Jinja.shorten(value) + "' must be an IPv4 address (the NAT's public address)";
        }
        Set<String> allowed = KNOWN_CHOICES.get(name);
        if (allowed != null && !allowed.contains(value)) {
            return name + " must be " + String.join(" or ", allowed.stream().sorted().toList()) + ", not '" + Jinja.shorten(value) + "'";
        }
        return null;
    }

    /** Where a backup connects to: the tools would take a connection string for a database name and go elsewhere. */
    private static boolean postgresOk(String name, String value) {
        return switch (name) {
            case "postgres_host" -> PgNames.isHost(value);
            case "postgres_database", "postgres_user" -> PgNames.isPlainName(value);
            default -> true;
        };
    }
}
