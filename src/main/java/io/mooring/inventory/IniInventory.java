package io.mooring.inventory;

import io.mooring.inventory.AnsibleTree.Group;
import io.mooring.inventory.AnsibleTree.Var;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An INI inventory of the deploy tool (2022 and the 1.x installer) read as Ansible's INI plugin reads it:
 * {@code [group]} sections of {@code host key=value ...} lines, {@code [group:vars]} of {@code key=value},
 * {@code [group:children]} of group names, comments after {@code #} or {@code ;}. A value is read as a Python
 * literal when it is one (a quoted string unquoted, {@code True}/{@code False}, {@code None}, a number) and kept as
 * written otherwise, so lower-case {@code false} stays the string "false". Plain Java, no YAML involved.
 */
public final class IniInventory {
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:\\s]+)(?::(vars|children))?\\]\\s*(?:[#;].*)?");

    private IniInventory() {
    }

    /** Whether the text reads as INI rather than YAML: its first line that is not blank or a comment opens a section. */
    public static boolean looksLikeIni(String text) {
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";") || trimmed.equals("---")) {
                continue;
            }
            return SECTION.matcher(trimmed).matches();
        }
        return false;
    }

    /** The inventory's tree: one root holding {@code all}, whose children are the groups no other group holds. */
    static Group read(String file, String text) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        Group all = new Group("all", 1);
        groups.put("all", all);
        Group current = group(groups, "ungrouped", 1);
        String kind = "hosts";
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                var section = SECTION.matcher(line);
                if (!section.matches()) {
                    throw new InvalidConfigException(new Location(file, number, 1), "not a section header: " + line);
                }
                current = group(groups, section.group(1), number);
                kind = section.group(2) == null ? "hosts" : section.group(2);
                continue;
            }
            switch (kind) {
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw new InvalidConfigException(new Location(file, number, 1),
                                "a line under [" + current.name + ":vars] must be key=value");
                    }
                    current.vars.put(line.substring(0, eq).strip(), new Var(literal(line.substring(eq + 1).strip()), number));
                }
                case "children" -> {
                    String child = words(file, number, line).get(0);
                    current.children.putIfAbsent(child, group(groups, child, number));
                    held.add(child);
                }
                default -> host(file, number, line, current);
            }
        }
        for (Group group : groups.values()) {
            if (!group.name.equals("all") && !held.contains(group.name)
                    && !(group.name.equals("ungrouped") && group.hosts.isEmpty() && group.vars.isEmpty())) {
                all.children.put(group.name, group);
            }
        }
        Group top = new Group("", 1);
        top.children.put("all", all);
        return top;
    }

    private static Group group(Map<String, Group> groups, String name, int line) {
        return groups.computeIfAbsent(name, n -> new Group(n, line));
    }

    private static void host(String file, int number, String line, Group group) {
        List<String> words = words(file, number, line);
        String name = words.get(0);
        Map<String, Var> vars = new LinkedHashMap<>();
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(':') == colon && INT.matcher(name.substring(colon + 1)).matches()) {
            vars.put("ansible_port", new Var(Long.parseLong(name.substring(colon + 1)), number));
            name = name.substring(0, colon);
        }
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigException(new Location(file, number, 1),
                        "host '" + name + "': '" + word + "' is not key=value");
            }
            vars.put(word.substring(0, eq), new Var(literal(word.substring(eq + 1)), number));
        }
        group.hosts.merge(name, vars, (old, added) -> {
            old.putAll(added);
            return old;
        });
        group.hostLines.putIfAbsent(name, number);
    }

    /** A line split as Python's shlex does with comments on: quotes group and are removed, {@code #} starts a comment. */
    static List<String> words(String file, int number, String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c == '\\' && i + 1 < line.length() ? line.charAt(++i) : c);
            }
        }
        if (quote != 0) {
            throw new InvalidConfigException(new Location(file, number, 1), "a quote is opened and never closed");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** The value as Python's literal_eval reads it, or the text itself when it is no literal. */
    static Object literal(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"')
                && text.charAt(text.length() - 1) == text.charAt(0) && text.indexOf(text.charAt(0), 1) == text.length() - 1) {
            return unescape(text.substring(1, text.length() - 1));
        }
        switch (text) {
            case "True":
                return true;
            case "False":
                return false;
            case "None":
                return null;
            default:
                break;
        }
        if (INT.matcher(text).matches()) {
            try {
                return Long.parseLong(text.replace("_", "").replace("+", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (FLOAT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return text;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    default -> "\\" + next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
