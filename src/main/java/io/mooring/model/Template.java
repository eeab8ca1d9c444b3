package io.mooring.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A value from a config file that may refer to inventory variables: {@code ${name}},
 * {@code ${name:-default}} (the default may itself hold references, {@code ${a:-${b}}});
 * {@code $$} stands for a literal dollar sign.
 */
public record Template(String text, Location location) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Defaults nest at most this deep: enough for fall-backs, too little to be a way to burn time. */
    private static final int MAX_NESTING = 4;

    public static Template literal(String text) {
        return new Template(text, Location.of("(built-in)"));
    }

    /** The text with every variable replaced; an undefined variable or a bad reference is an error at this location. */
    public String expand(Map<String, String> variables) {
        StringBuilder out = new StringBuilder(text.length());
        int end = expand(0, 0, variables, out, true);
        if (end != text.length()) {
            throw error("unexpected '}'");
        }
        return out.toString();
    }

    /**
     * Expands from {@code start} until the end of the text or an unmatched '}' at depth > 0; returns where it
     * stopped. Without {@code lookup}, the text is only checked: a default that is not used must still be well formed.
     */
    private int expand(int start, int depth, Map<String, String> variables, StringBuilder out, boolean lookup) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}' && depth > 0) {
                return i;
            }
            if (c != '$') {
                out.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                i = reference(i + 2, depth, variables, out, lookup);
            } else {
                throw error("'$' must start ${name} or be written $$");
            }
        }
        if (depth > 0) {
            throw error("'${' without a closing '}'");
        }
        return i;
    }

    /** One {@code ${...}} starting after the brace; returns the index after its closing brace. */
    private int reference(int start, int depth, Map<String, String> variables, StringBuilder out, boolean lookup) {
        if (depth >= MAX_NESTING) {
            throw error("defaults are nested more than " + MAX_NESTING + " deep");
        }
        int i = start;
        while (i < text.length() && text.charAt(i) != '}' && text.charAt(i) != ':') {
            i++;
        }
        String name = text.substring(start, i);
        if (i >= text.length()) {
            throw error("'${' without a closing '}'");
        }
        if (!NAME.matcher(name).matches()) {
            throw error("'${" + name + "}': variable names are letters, digits and '_'");
        }
        if (text.charAt(i) == '}') {
            out.append(lookup ? lookup(name, variables) : "");
            return i + 1;
        }
        if (!text.startsWith(":-", i)) {
            throw error("'${" + name + text.charAt(i) + "...': write ${name} or ${name:-default}");
        }
        String value = lookup ? variables.get(name) : null;
        boolean useDefault = value == null || value.isEmpty();
        StringBuilder fallback = new StringBuilder();
        // The default is always parsed, so a broken one is found even while the variable is set.
        int end = expand(i + 2, depth + 1, variables, fallback, lookup && useDefault);
        out.append(useDefault ? fallback : value);
        return end + 1;
    }

    private String lookup(String name, Map<String, String> variables) {
        String value = variables.get(name);
        if (value != null) {
            return value;
        }
        if (name.startsWith("mooring_") && name.endsWith("_host")) {
            String component = name.substring("mooring_".length(), name.length() - "_host".length());
            throw new InvalidConfigException(location, "${" + name + "} has no value: no host of the tenant runs " + component
                    + "; give a host a role of " + component + ", or write ${" + name + ":-address}");
        }
        throw new InvalidConfigException(location, "undefined variable ${" + name + "}: set " + name
                + " in the inventory (all.vars or the host's vars) or write ${" + name + ":-default}");
    }

    private InvalidConfigException error(String problem) {
        return new InvalidConfigException(location, problem + " in \"" + text + "\"");
    }

    @Override
    public String toString() {
        return text;
    }
}
