package io.mooring.model;

import java.util.Map;

/**
 * A value from a config file that may refer to inventory variables: {@code ${name}},
 * {@code ${name:-default}}; {@code $$} stands for a literal dollar sign.
 */
public record Template(String text, Location location) {
    public static Template literal(String text) {
        return new Template(text, Location.of("(built-in)"));
    }

    /** The text with every variable replaced; an undefined variable or a bad reference is an error at this location. */
    public String expand(Map<String, String> variables) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new InvalidConfigException(location, "'${' without a closing '}' in \"" + text + "\"");
                }
                out.append(lookup(text.substring(i + 2, end), variables));
                i = end + 1;
            } else {
                throw new InvalidConfigException(location, "'$' must start ${name} or be written $$ in \"" + text + "\"");
            }
        }
        return out.toString();
    }

    private String lookup(String reference, Map<String, String> variables) {
        int dash = reference.indexOf(":-");
        String name = dash < 0 ? reference : reference.substring(0, dash);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidConfigException(location, "'${" + reference + "}': variable names are letters, digits and '_'");
        }
        String value = variables.get(name);
        if (value != null && !(dash >= 0 && value.isEmpty())) {
            return value;
        }
        if (dash >= 0) {
            return reference.substring(dash + 2);
        }
        throw new InvalidConfigException(location, "undefined variable ${" + name + "}: set " + name
                + " in the inventory (all.vars or the host's vars) or write ${" + name + ":-default}");
    }

    @Override
    public String toString() {
        return text;
    }
}
