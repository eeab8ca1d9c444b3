package io.mooring.inventory;

import io.mooring.model.Location;
import io.mooring.model.Template;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a service's {@code env_file}: files of the tenant's folder ({@link TenantFiles}) of {@code NAME=value} lines,
 * as Compose reads them: blank lines and {@code #} comments skipped, {@code export} allowed, single-quoted values
 * taken as written, others interpolated from the inventory; a later file wins over an earlier one.
 */
final class EnvFiles {
    private static final Set<String> KEYS = Set.of("path", "required", "format");
    private static final int MAX_VARIABLES = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;
    private final TenantFiles files;

    EnvFiles(ComponentsReader reader, YamlNodes nodes, Problems problems, TenantFiles files) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
        this.files = files;
    }

    /** The variables of every file {@code node} names, in order. */
    Map<String, Template> read(Node node, String what) {
        Map<String, Template> variables = new LinkedHashMap<>();
        if (node == null) {
            return variables;
        }
        List<Node> items = node instanceof ScalarNode ? List.of(node) : nodes.sequence(node, what);
        Set<String> named = new java.util.HashSet<>();
        for (Node item : items) {
            boolean required = true;
            Optional<String> path;
            if (item instanceof MappingNode) {
                Map<String, Node> keys = nodes.mapping(item, what, KEYS);
                path = keys.containsKey("path") ? nodes.scalar(keys.get("path"), what + ".path") : Optional.empty();
                if (keys.containsKey("required")) {
                    required = reader.bool(keys.get("required"), what + ".required");
                }
                if (keys.containsKey("format") && !nodes.scalar(keys.get("format"), what + ".format").orElse("").equals("raw")) {
                    problems.add(keys.get("format"), what + ".format: only raw is known");
                }
                if (path.isEmpty() && !keys.containsKey("path")) {
                    problems.add(item, what + ": an entry written as a mapping needs path");
                }
            } else {
                path = nodes.scalar(item, "each item of " + what);
            }
            if (path.isPresent() && !file(item, what, path.get(), required, variables, named)) {
                return new LinkedHashMap<>();
            }
        }
        long chars = 0;
        for (Template value : variables.values()) {
            chars += value.text().length();
        }
        // Shared, the values are still each service's once filled in: they count against the tenant's budget.
        TenantBudget budget = files.budget();
        boolean before = budget.spent();
        if (!budget.spend(variables.size(), chars)) {
            if (!before) {
                problems.add(node, what + ": " + TenantBudget.refusal());
            }
            return new LinkedHashMap<>();
        }
        return variables;
    }

    /** Adds the file's variables; false when the list must be given up (reported). */
    private boolean file(Node at, String what, String written, boolean required, Map<String, Template> into, Set<String> named) {
        String path;
        Optional<byte[]> bytes;
        try {
            path = files.resolve(problems.file(), written);
            bytes = files.read(path);
        } catch (TenantFiles.Refused e) {
            problems.add(at, what + ": " + e.getMessage());
            return true;
        }
        if (!named.add(path)) {
            problems.add(at, what + ": " + ComponentsReader.shorten(path) + " is named twice; name each file once");
            return false;
        }
        if (bytes.isEmpty()) {
            if (required) {
                problems.add(at, what + ": no file " + path + " in the repository (commit it, or write required: false)");
            }
            return true;
        }
        byte[] content = bytes.get();
        Map<String, Template> parsed = files.envFile(path, () -> parse(path, new String(content, StandardCharsets.UTF_8)));
        parsed.forEach((name, value) -> {
            if (into.size() < MAX_VARIABLES || into.containsKey(name)) {
                into.put(name, value);
            }
        });
        if (into.size() >= MAX_VARIABLES && parsed.keySet().stream().anyMatch(name -> !into.containsKey(name))) {
            problems.add(at, what + ": more than " + MAX_VARIABLES + " variables from env_file");
            return false;
        }
        return true;
    }

    private Map<String, Template> parse(String path, String text) {
        Map<String, Template> into = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            Location where = new Location(path, i + 1, 1);
            int eq = line.indexOf('=');
            String name = eq < 0 ? line : line.substring(0, eq).strip();
            if (!NAME.matcher(name).matches()) {
                // Not shown: a line without '=' may be a pasted password.
                problems.add(where, "not NAME=value with an environment variable name (the line is not shown: an env file's values"
                        + " are often passwords)");
                continue;
            }
            if (into.size() >= MAX_VARIABLES && !into.containsKey(name)) {
                problems.add(where, "more than " + MAX_VARIABLES + " variables from env_file");
                return into;
            }
            // NAME alone takes the inventory's variable of that name, as Compose takes the shell's; unset, it is empty.
            Template value = eq < 0 ? new Template("${" + name + "-}", where) : value(line.substring(eq + 1).strip(), where);
            java.util.Optional<String> wrong = Template.problem(value.text());
            if (wrong.isPresent()) {
                // Not quoted: an env file's values are often passwords.
                problems.add(where, name + ": " + wrong.get() + " (the value is not shown; write $$ for a dollar sign, or quote"
                        + " the value in single quotes)");
                continue;
            }
            into.put(name, value);
        }
        return into;
    }

    private static Template value(String raw, Location where) {
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return Template.verbatim(raw.substring(1, raw.length() - 1), where);
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return new Template(raw.substring(1, raw.length() - 1).replace("\\n", "\n").replace("\\\"", "\""), where);
        }
        int comment = raw.indexOf(" #");
        return new Template(comment >= 0 ? raw.substring(0, comment).strip() : raw, where);
    }
}
