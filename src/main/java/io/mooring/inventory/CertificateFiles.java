package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Jinja;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenant's TLS files, which must be in its folder, as regular files (plain or age-encrypted), before anything
 * is applied. As the deploy tool reads them (OMNILEADS.md 1): the files {@code cert_file_name} and
 * {@code key_file_name} name (3.x: {@code ssl_cert_file_name}, {@code ssl_key_file_name}) whenever they are
 * set, else, with {@code certs: custom}, {@code cert.pem} and {@code key.pem}.
 */
final class CertificateFiles {
    private static final List<List<String>> NAMES = List.of(
            List.of("cert_file_name", "ssl_cert_file_name", "cert.pem"),
            List.of("key_file_name", "ssl_key_file_name", "key.pem"));

    private CertificateFiles() {
    }

    static List<Problem> check(ConfigTree tree, String dir, Inventory inventory) {
        Set<Problem> problems = new LinkedHashSet<>();
        for (Host host : inventory.hostMap().values()) {
            for (List<String> names : NAMES) {
                String variable = host.vars().containsKey(names.get(0)) ? names.get(0)
                        : host.vars().containsKey(names.get(1)) ? names.get(1) : null;
                if (variable != null) {
                    named(tree, dir, host.vars().get(variable), variable, host.origin(variable), problems);
                } else if ("custom".equals(host.vars().get("certs"))) {
                    present(tree, dir, names.get(2), host.origin("certs"), "certs: custom needs " + dir + names.get(2) + " (or "
                            + names.get(2) + ".age) in the tenant folder, or " + names.get(0) + " naming the file", problems);
                }
            }
        }
        return new ArrayList<>(problems);
    }

    private static void named(ConfigTree tree, String dir, String name, String variable, Location at, Set<Problem> problems) {
        if (Jinja.isTemplate(name)) {
            return;
        }
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            problems.add(new Problem(at, variable + " '" + ComponentsReader.shorten(name) + "' must name a file of the tenant folder"
                    + " (a file name, no folders)"));
            return;
        }
        present(tree, dir, name, at, variable + " names " + dir + name + ", which is not in the tenant folder (nor " + name + ".age)",
                problems);
    }

    private static void present(ConfigTree tree, String dir, String name, Location at, String message, Set<Problem> problems) {
        try {
            if (tree.read(dir + name).isEmpty() && tree.read(dir + name + ".age").isEmpty()) {
                problems.add(new Problem(at, message));
            }
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
    }
}
