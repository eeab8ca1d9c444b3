package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The variables of {@code secrets.yml.age} (the repository's, then the tenant's over it): a YAML mapping of names to
 * single values, decrypted in memory, joining the inventory over everything it sets. A plain {@code secrets.yml} is
 * refused: it is what this file exists to keep out of Git. No message here ever quotes a value.
 */
final class SecretVars {
    static final String FILE = "secrets.yml";

    private SecretVars() {
    }

    /** The inventory with the secrets' variables over it; every problem of the secrets files is added to {@code problems}. */
    static Inventory apply(ConfigTree tree, String dir, Inventory inventory, List<Problem> problems) {
        Map<String, String> vars = new HashMap<>();
        Map<String, Location> origins = new HashMap<>();
        List<String> files = dir.isEmpty() ? List.of(FILE) : List.of(FILE, dir + FILE);
        for (String file : files) {
            try {
                read(tree, file, vars, origins);
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return inventory.withSealed(vars, origins);
    }

    private static void read(ConfigTree tree, String file, Map<String, String> vars, Map<String, Location> origins) {
        if (tree.read(file + DecryptingTree.SUFFIX).isEmpty()) {
            if (tree.read(file).isPresent()) {
                throw new InvalidConfigException(Location.of(file), "holds secrets in plain text, which Git keeps forever: encrypt it"
                        + " (`mooring secrets encrypt " + file + "`, then `git rm " + file + "` and commit " + file + DecryptingTree.SUFFIX + ")");
            }
            return;
        }
        byte[] plain = tree.read(file).orElseThrow();
        String sealed = file + DecryptingTree.SUFFIX;
        Node root;
        try {
            root = SafeYaml.parse(sealed, plain);
        } catch (InvalidConfigException e) {
            // The parser's words may quote the text; only the place is kept.
            List<Problem> placed = new ArrayList<>();
            e.problems().forEach(p -> placed.add(new Problem(p.location(), "is not valid YAML here (decrypted; the text is not shown)")));
            throw new InvalidConfigException(placed);
        }
        Problems problems = new Problems(sealed);
        new YamlNodes(problems).mapping(root, sealed + " (a mapping of variable: value)", null).forEach((name, node) -> {
            if (node instanceof ScalarNode scalar) {
                vars.put(name, YamlNodes.isNull(node) ? "" : scalar.getValue());
                origins.put(name, problems.at(node));
            } else {
                problems.add(node, "variable " + name + " must be a single value, not " + YamlNodes.kind(node));
            }
        });
        problems.throwIfAny();
    }
}
