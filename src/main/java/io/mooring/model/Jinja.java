package io.mooring.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of Jinja that real inventories use in their values, and nothing more: {@code {{ var }}},
 * {@code {{ hostvars['h'].var }}} and {@code {{ hostvars['h']['var'] }}}, {@code | default(x)} (also
 * {@code | d(x)}, with an optional second argument {@code true}), {@code ~} and text around expressions
 * (string concatenation within one value). Anything else is refused by {@link #parse} with the construct
 * it found. The parser is a loop over the value's characters: no input can make it recurse, and an
 * expression holds at most {@link #MAX_FILTERS} filters, kept as a flat list.
 */
public final class Jinja {
    /** Filters in one {@code {{ ... }}}: real inventories use one or two. */
    public static final int MAX_FILTERS = 16;

    /** One piece of a value: literal text, or an expression to fill in. */
    public sealed interface Part permits Text, Expression {
    }

    public record Text(String text) implements Part {
    }

    /** {@code {{ ... }}}: the terms joined with {@code ~}, and the text as written, for messages. */
    public record Expression(List<Term> terms, String source) implements Part {
    }

    /** A value inside an expression, with the {@code default} filters applied to it, in order. */
    public sealed interface Term permits Literal, Var, HostVar, Defaulted {
    }

    public record Literal(String value) implements Term {
    }

    public record Var(String name) implements Term {
    }

    public record HostVar(String host, String name) implements Term {
    }

    /** {@code value | default(f1) | default(f2, true) ...}: the fallbacks in order, a flat list, never nested. */
    public record Defaulted(Term value, List<Fallback> fallbacks) implements Term {
    }

    /** One {@code default(term[, true])}: with {@code ifEmpty}, an empty value takes the fallback too. */
    public record Fallback(Term term, boolean ifEmpty) {
    }

    /** A construct outside the supported part, or a malformed one; the message says which. */
    public static final class Unsupported extends IllegalArgumentException {
        public Unsupported(String message) {
            super(message);
        }
    }

    private Jinja() {
    }

    /** True when the value holds Jinja at all: an expression, a statement or a comment. */
    public static boolean isTemplate(String value) {
        return value.contains("{{") || value.contains("{%") || value.contains("{#");
    }

    /** The value's parts; throws {@link Unsupported} naming the first construct Mooring does not read. One pass, text taken whole. */
    public static List<Part> parse(String value) {
        List<Part> parts = new ArrayList<>();
        int textStart = 0;
        int i = value.indexOf('{');
        while (i >= 0 && i + 1 < value.length()) {
            char next = value.charAt(i + 1);
            if (next == '%') {
                throw new Unsupported("Jinja statement " + excerpt(value, i, "%}") + " is not supported in an inventory value"
                        + " (only {{ var }}, {{ hostvars['host'].var }}, | default(x) and text around them): write the value itself");
            }
            if (next == '#') {
                throw new Unsupported("Jinja comment " + excerpt(value, i, "#}") + " is not supported in an inventory value;"
                        + " use a YAML comment (#) on its own line");
            }
            if (next != '{') {
                i = value.indexOf('{', i + 1);
                continue;
            }
            int end = closing(value, i + 2);
            if (end < 0) {
                throw new Unsupported("'{{' without a closing '}}' in \"" + shorten(value) + "\"");
            }
            if (i > textStart) {
                parts.add(new Text(value.substring(textStart, i)));
            }
            String source = value.substring(i, end + 2);
            parts.add(new Expression(new ExpressionParser(value.substring(i + 2, end), source).expression(), source));
            textStart = end + 2;
            i = value.indexOf('{', textStart);
        }
        if (textStart < value.length()) {
            parts.add(new Text(value.substring(textStart)));
        }
        return parts;
    }

    /** Where the expression starting at {@code from} closes, quotes respected; -1 when it does not. */
    private static int closing(String value, int from) {
        char quote = 0;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}' && i + 1 < value.length() && value.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    private static String excerpt(String value, int from, String close) {
        int end = value.indexOf(close, from);
        return shorten(end < 0 ? value.substring(from) : value.substring(from, end + close.length()));
    }

    public static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    /** One {@code {{ ... }}}: {@code term ('~' term)*}, each term a primary with default filters. */
    private static final class ExpressionParser {
        private final String text;
        private final String source;
        private int at;
        private int filters;

        ExpressionParser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        List<Term> expression() {
            List<Term> terms = new ArrayList<>();
            terms.add(term());
            while (skip() && peek() == '~') {
                at++;
                terms.add(term());
            }
            if (skip()) {
                throw unsupported(describe(at));
            }
            return terms;
        }

        private Term term() {
            Term term = primary(true);
            List<Fallback> fallbacks = new ArrayList<>();
            while (skip() && peek() == '|') {
                at++;
                skip();
                String filter = name();
                if (!filter.equals("default") && !filter.equals("d")) {
                    throw unsupported("the filter '| " + (filter.isEmpty() ? describe(at) : filter) + "'");
                }
                if (++filters > MAX_FILTERS) {
                    throw unsupported("more than " + MAX_FILTERS + " filters in one expression");
                }
                fallbacks.add(fallback());
            }
            return fallbacks.isEmpty() ? term : new Defaulted(term, List.copyOf(fallbacks));
        }

        /** {@code default}, {@code default(x)} or {@code default(x, true)}. */
        private Fallback fallback() {
            if (!skip() || peek() != '(') {
                return new Fallback(new Literal(""), false);
            }
            at++;
            Term fallback = skip() && peek() == ')' ? new Literal("") : primary(false);
            boolean ifEmpty = false;
            if (skip() && peek() == ',') {
                at++;
                skip();
                String flag = name();
                if (!flag.equals("true") && !flag.equals("false") && !flag.equals("True") && !flag.equals("False")) {
                    throw unsupported("default(x, " + (flag.isEmpty() ? describe(at) : flag) + "): the second argument is true or false");
                }
                ifEmpty = flag.equalsIgnoreCase("true");
            }
            expect(')');
            return new Fallback(fallback, ifEmpty);
        }

        /** A quoted string, a number, a variable or hostvars['h'].var; {@code expressionStart} only for messages. */
        private Term primary(boolean expressionStart) {
            if (!skip()) {
                throw unsupported(expressionStart ? "an empty expression" : "a missing value");
            }
            char c = peek();
            if (c == '\'' || c == '"') {
                return new Literal(string());
            }
            if (Character.isDigit(c) || c == '-' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1))) {
                int start = at++;
                while (at < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
                    at++;
                }
                return new Literal(text.substring(start, at));
            }
            String name = name();
            if (name.isEmpty()) {
                throw unsupported(describe(at));
            }
            if (name.equals("hostvars")) {
                return hostVar();
            }
            if (at < text.length() && (peek() == '.' || peek() == '[' || peek() == '(')) {
                throw unsupported(peek() == '(' ? "the call " + name + "(...)"
                        : "'" + name + peek() + "...' (attributes and items are read only as hostvars['host'].var)");
            }
            return switch (name) {
                case "true", "True", "false", "False", "none", "None" -> throw unsupported("the constant " + name);
                default -> new Var(name);
            };
        }

        private Term hostVar() {
            expect('[');
            if (!skip() || peek() != '\'' && peek() != '"') {
                throw unsupported("hostvars[" + describe(at) + "]: name the host in quotes, hostvars['host']");
            }
            String host = string();
            expect(']');
            String name;
            if (at < text.length() && peek() == '.') {
                at++;
                name = name();
            } else if (at < text.length() && peek() == '[') {
                at++;
                name = skip() && (peek() == '\'' || peek() == '"') ? string() : "";
                expect(']');
            } else {
                throw unsupported("hostvars['" + host + "'] alone; write hostvars['" + host + "'].variable");
            }
            if (name.isEmpty()) {
                throw unsupported("hostvars['" + host + "'] without a variable name");
            }
            if (at < text.length() && (peek() == '.' || peek() == '[')) {
                throw unsupported("'hostvars['" + host + "']." + name + peek() + "...' (only one variable deep)");
            }
            return new HostVar(host, name);
        }

        private String string() {
            char quote = text.charAt(at++);
            int end = text.indexOf(quote, at);
            if (end < 0) {
                throw unsupported("a string without its closing " + quote);
            }
            String value = text.substring(at, end);
            at = end + 1;
            return value;
        }

        private String name() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_') && peek() < 128) {
                at++;
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            if (!skip() || peek() != c) {
                throw unsupported(at < text.length() ? describe(at) + " where '" + c + "' was expected" : "a missing '" + c + "'");
            }
            at++;
        }

        /** Skips blanks; true when something is left. */
        private boolean skip() {
            while (at < text.length() && Character.isWhitespace(peek())) {
                at++;
            }
            return at < text.length();
        }

        private char peek() {
            return text.charAt(at);
        }

        private String describe(int from) {
            return "'" + shorten(text.substring(from).strip()) + "'";
        }

        private Unsupported unsupported(String what) {
            return new Unsupported("unsupported Jinja in " + shorten(source) + ": " + what + "; inventories may use {{ var }},"
                    + " {{ hostvars['host'].var }}, | default(x) and text around them");
        }
    }
}
