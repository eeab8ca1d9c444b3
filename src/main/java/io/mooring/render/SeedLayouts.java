package io.mooring.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The roles of the host names of the seed layouts, so that existing inventories work as they are.
 * Two hosts (seed 001): {@code omnileads-app} runs the application (web, kamailio, database) and
 * {@code omnileads-voice} the voice (asterisk, rtpengine). Five hosts (seed 000): {@code omlapp} the web
 * application, {@code kamailio} kamailio with rtpengine, {@code asterisk}, {@code database}, {@code dialer}.
 * In seed 000's two-host form ({@code omlvoip} and {@code omlapp}), omlapp also runs the database and the
 * dialer, since no host of those names exists.
 */
final class SeedLayouts {
    private SeedLayouts() {
    }

    static List<String> defaultRoles(String host, Set<String> hostsOfTenant) {
        switch (host) {
            case "omnileads-app":
                return List.of("app");
            case "omnileads-voice":
                return List.of("voice");
            case "omlvoip":
                return List.of("voice", "kamailio");
            case "omlapp": {
                List<String> roles = new ArrayList<>(List.of("web"));
                if (!hostsOfTenant.contains("database")) {
                    roles.add("database");
                }
                if (!hostsOfTenant.contains("dialer")) {
                    roles.add("dialer");
                }
                return roles;
            }
            case "kamailio":
                return List.of("kamailio", "rtpengine");
            case "asterisk":
                return List.of("asterisk");
            case "database":
                return List.of("database");
            case "dialer":
                return List.of("dialer");
            default:
                return List.of();
        }
    }
}
