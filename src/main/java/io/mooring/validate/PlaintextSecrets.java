package io.mooring.validate;

import io.mooring.inventory.PlaintextNames;
import io.mooring.model.Host;
import io.mooring.model.Inventory;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warnings, not errors, for variables named like secrets whose values are written in plain text in the inventory:
 * Git keeps them forever. A reference ({@code {{ vault_x }}}), an empty value and a variable of {@code secrets.yml.age}
 * are fine. The warning names the place and the fix, never the value.
 */
final class PlaintextSecrets {
    private PlaintextSecrets() {
    }

    static List<Problem> warnings(Inventory inventory) {
        Map<Location, String> found = new TreeMap<>((a, b) -> new Problem(a, "").compareTo(new Problem(b, "")));
        for (Host host : inventory.hostMap().values()) {
            host.vars().forEach((name, value) -> {
                Location where = host.origin(name);
                if (PlaintextNames.looksSecret(name) && !inventory.sealed().contains(name) && !value.isBlank() && !value.contains("{{")
                        && where.line() > 0) {
                    found.putIfAbsent(where, name);
                }
            });
        }
        return found.entrySet().stream().map(e -> new Problem(e.getKey(), "warning: variable " + e.getValue() + " holds a secret in plain"
                + " text, which Git keeps forever: move it to secrets.yml.age (`mooring secrets edit secrets.yml.age`, or"
                + " `mooring import --recipients` for a deploy-tool inventory) and remove it here")).toList();
    }
}
