package io.mooring.model;

import java.util.Map;

/**
 * A value from a config file that may refer to inventory variables, as Compose interpolates: {@code $name} and
 * {@code ${name}}; {@code ${name:-default}} (unset or empty) and {@code ${name-default}} (unset); {@code ${name:?error}}
 * and {@code ${name?error}} (refused with that message); {@code ${name:+alternative}} (set and not empty) and
 * {@code ${name+alternative}} (set). A default, error or alternative may itself hold references ({@code ${a:-${b}}});
 * {@code $$} stands for a literal dollar sign. Unlike Compose, an undefined variable used plainly is an error, not
 * an empty string: a typo must not deploy.
 */
public record Template(String text, Location location) {
    /** Defaults nest at most this deep: enough for fall-backs, too little to be a way to burn time. */
    private static final int MAX_NESTING = 4;
    /** What one value may hold once filled in: a variable repeated in a value must not multiply the agent's memory. */
    public static final int MAX_EXPANDED = 1 << 20;
    /** How the refusal of a value longer than {@link #MAX_EXPANDED} begins. */
    public static final String TOO_LONG = "once filled in, the value would be longer than";

    /**
     * Variables that count what is filled in from them, across the values of one render: told the length of each value
     * once filled in, they may refuse it (an {@link InvalidConfigException} at {@code at}).
     */
    public interface Metered {
        void filledIn(long chars, Location at);
    }

    public static Template literal(String text) {
        return new Template(text, Location.of("(built-in)"));
    }

    /** A text taken as it is, with no variables: each {@code $} is written {@code $$}. */
    public static Template verbatim(String text, Location location) {
        return new Template(text.replace("$", "$$"), location);
    }

    /** The text with every variable replaced; an undefined variable or a bad reference is an error at this location. */
    public String expand(Map<String, String> variables) {
        StringBuilder out = new StringBuilder(text.length());
        int end = expand(0, 0, variables, out, true);
        if (end != text.length()) {
            throw error("unexpected '}'");
        }
        if (variables instanceof Metered metered) {
            metered.filledIn(out.length(), location);
        }
        return out.toString();
    }

    /** Appends a piece filled in, refused before the value grows past {@link #MAX_EXPANDED}; the text is not quoted. */
    private void put(StringBuilder out, CharSequence piece) {
        if (out.length() + (long) piece.length() > MAX_EXPANDED) {
            throw new InvalidConfigException(location, TOO_LONG + " " + MAX_EXPANDED
                    + " characters (the limit of one value); refused");
        }
        out.append(piece);
    }

    /**
     * What is wrong with {@code text} as a template, without quoting it (a value may be a password); empty when it is
     * well formed. Variables are not looked up.
     */
    public static java.util.Optional<String> problem(String text) {
        Template template = new Template(text, Location.of(""));
        try {
            if (template.expand(0, 0, Map.of(), new StringBuilder(), false) != text.length()) {
                return java.util.Optional.of("unexpected '}'");
            }
            return java.util.Optional.empty();
        } catch (InvalidConfigException e) {
            String message = e.problems().get(0).message();
            int quoted = message.lastIndexOf(" in \"");
            return java.util.Optional.of(quoted >= 0 ? message.substring(0, quoted) : message);
        }
    }

    /** Whether the text refers to no variable (it may still hold {@code $$}). */
    public boolean isLiteral() {
        return !text.replace("$$", "").contains("$");
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
                int end = nameEnd(i + 1);
                if (end == i + 1) {
                    throw error("'$' must start $name or ${name}, or be written $$");
                }
                put(out, lookup ? lookup(text.substring(i + 1, end), variables) : "");
                i = end;
            }
        }
        if (depth > 0) {
            throw error("'${' without a closing '}'");
        }
        return i;
    }

    private int nameEnd(int start) {
        int i = start;
        while (i < text.length() && (Character.isLetter(text.charAt(i)) && text.charAt(i) < 128 || text.charAt(i) == '_'
                || i > start && text.charAt(i) >= '0' && text.charAt(i) <= '9')) {
            i++;
        }
        return i;
    }

    /** One {@code ${...}} starting after the brace; returns the index after its closing brace. */
    private int reference(int start, int depth, Map<String, String> variables, StringBuilder out, boolean lookup) {
        if (depth >= MAX_NESTING) {
            throw error("defaults are nested more than " + MAX_NESTING + " deep");
        }
        int i = nameEnd(start);
        String name = text.substring(start, i);
        if (i >= text.length()) {
            throw error("'${' without a closing '}'");
        }
        if (name.isEmpty()) {
            throw error("'${" + text.charAt(i) + "...': variable names are letters, digits and '_', not starting with a digit");
        }
        if (text.charAt(i) == '}') {
            put(out, lookup ? lookup(name, variables) : "");
            return i + 1;
        }
        boolean colon = text.charAt(i) == ':';
        char operator = i + (colon ? 1 : 0) < text.length() ? text.charAt(i + (colon ? 1 : 0)) : ' ';
        if (operator != '-' && operator != '?' && operator != '+') {
            throw error("'${" + name + text.charAt(i) + "...': variable names are letters, digits and '_'; write ${name},"
                    + " ${name:-default}, ${name-default}, ${name:?error}, ${name?error}, ${name:+alternative} or ${name+alternative}");
        }
        String value = lookup ? variables.get(name) : null;
        boolean set = value != null && !(colon && value.isEmpty());
        boolean useWord = operator == '+' ? set : !set;
        StringBuilder word = new StringBuilder();
        // The word is always parsed, so a broken one is found even when it is not used.
        int end = expand(i + (colon ? 2 : 1), depth + 1, variables, word, lookup && useWord);
        if (operator == '?' && lookup && useWord) {
            throw new InvalidConfigException(location, "${" + name + "} is " + (value == null ? "not set" : "empty") + ": "
                    + (word.isEmpty() ? "it is required" : word) + " (set " + name + " in the inventory)");
        }
        if (operator == '-') {
            put(out, useWord ? word : value);
        } else if (operator == '+' && useWord) {
            put(out, word);
        } else if (operator == '?') {
            put(out, lookup ? value : "");
        }
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
