package io.mooring.inventory;

import io.mooring.model.ImageRef;
import io.mooring.model.Jinja;
import io.mooring.model.Location;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.PgNames;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The variables whose meaning Mooring knows, checked where they are written; a value holding Jinja is checked
 * for the part of Jinja inventories may use, and its meaning once it is filled in, by the renderer.
 */
final class VarChecks {
    static final String INFRA_ENV = "infra_env";
    static final String NAT_IP = "nat_ip_addr";
    /** OMNILEADS.md 3.6: how the instance is reached. nat needs nat_ip_addr. */
    static final Set<String> INFRA_ENVS = Set.of("cloud", "lan", "nat", "hybrid", "all", "custom");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Map<String, Set<String>> KNOWN_CHOICES = Map.of(
            INFRA_ENV, INFRA_ENVS,
            "certs", Set.of("selfsigned", "custom", "certbot"),
            "mooring_self_heal", Set.of("off", "report", "heal"));

    private final Problems problems;

    VarChecks(Problems problems) {
        this.problems = problems;
    }

    /** Checks one value where it is written. */
    void check(String name, String value, Node node) {
        if (Jinja.isTemplate(value)) {
            try {
                Jinja.parse(value);
            } catch (Jinja.Unsupported e) {
                problems.add(node, name + ": " + e.getMessage());
            }
            return;
        }
        // A <component>_version is an image tag or a digest, never anything a shell or a path could make use of.
        if (name.endsWith("_version") && !value.isEmpty() && !ImageRef.isTagOrDigest(value)) {
            problems.add(node, name + " '" + ComponentsReader.shorten(value) + "' is not an image tag: 1-128 letters, digits,"
                    + " '_', '.' or '-' not starting with '.' or '-', or sha256: and 64 hex digits");
            return;
        }
        if (!value.isEmpty() && !postgresOk(name, value)) {
            problems.add(node, name + " '" + ComponentsReader.shorten(value) + "' must be a plain " + (name.equals("postgres_host")
                    ? "host name or IP address" : name.equals("postgres_user") ? "user name" : "database name")
                    + (name.equals("postgres_host") ? "" : ": letters, digits, '_', '-' or '.', at most 63, not starting with '-'")
                    + "; a connection string is not accepted");
            return;
        }
        if (name.equals(NAT_IP) && !value.isEmpty() && !IPV4.matcher(value).matches()) {
            problems.add(node, NAT_IP + " '" + ComponentsReader.shorten(value) + "' must be an IPv4 address (the NAT's public address)");
            return;
        }
        if (name.equals(MaintenanceWindows.VARIABLE)) {
            try {
                MaintenanceWindows.parse(value);
            } catch (IllegalArgumentException e) {
                problems.add(node, name + ": " + e.getMessage());
            }
            return;
        }
        Set<String> allowed = KNOWN_CHOICES.get(name);
        if (allowed != null && !value.isEmpty() && !allowed.contains(value)) {
            problems.add(node, name + " must be " + String.join(" or ", allowed.stream().sorted().toList())
                    + ", not '" + ComponentsReader.shorten(value) + "'");
        }
    }

    /** Checks a host's variables together: infra_env nat needs the NAT's address, wherever each is set. */
    void checkHost(String host, Map<String, String> vars, Map<String, Location> origins) {
        if ("nat".equals(vars.get(INFRA_ENV)) && vars.getOrDefault(NAT_IP, "").isEmpty()) {
            problems.add(origins.get(INFRA_ENV), "host " + host + ": infra_env nat needs " + NAT_IP
                    + " (the public address of the static NAT), in all.vars or the host's vars");
        }
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
