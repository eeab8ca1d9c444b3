package io.mooring.inventory;

import io.mooring.model.Jinja;
import io.mooring.model.Location;
import io.mooring.model.MaintenanceWindows;
import io.mooring.model.VarRules;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The variables whose meaning Mooring knows ({@link VarRules}), checked where they are written; a value holding
 * Jinja is checked for the part of Jinja inventories may use here, and its meaning once it is filled in, by
 * the renderer, for the host that uses it.
 */
final class VarChecks {
    static final String INFRA_ENV = VarRules.INFRA_ENV;
    static final String NAT_IP = VarRules.NAT_IP;

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
        String problem = VarRules.problem(name, value);
        if (problem != null) {
            problems.add(node, problem);
            return;
        }
        if (name.equals(MaintenanceWindows.VARIABLE)) {
            try {
                MaintenanceWindows.parse(value);
            } catch (IllegalArgumentException e) {
                problems.add(node, name + ": " + e.getMessage());
            }
        }
    }

    /** Checks a host's variables together: infra_env nat needs the NAT's address, wherever each is set. */
    void checkHost(String host, Map<String, String> vars, Map<String, Location> origins) {
        if ("nat".equals(vars.get(INFRA_ENV)) && vars.getOrDefault(NAT_IP, "").isEmpty()) {
            problems.add(origins.get(INFRA_ENV), "host " + host + ": infra_env nat needs " + NAT_IP
                    + " (the public address of the static NAT), in all.vars or the host's vars");
        }
    }
}
