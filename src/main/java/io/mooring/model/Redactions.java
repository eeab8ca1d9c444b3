package io.mooring.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of a tenant's variables whose names say secret ({@code *password*}, {@code *secret*}, {@code *token*},
 * {@code *_key}), and how text is made free of them: hook output, log tails and messages reach the state store and
 * the API, and a hook that echoes {@code $DB_PASSWORD} must not publish it there. Shorter values are left alone: they
 * would blank out ordinary words and are no secret worth the name.
 */
public final class Redactions {
    public static final Redactions NONE = new Redactions(Map.of());
    static final int MIN_LENGTH = 4;

    /** Value → the name it is replaced by, longest value first so that a value inside another is not half replaced. */
    private final Map<String, String> names;
    /** Every value at once, so that one replacement's text is never searched again for a shorter value. */
    private final Pattern values;

    private Redactions(Map<String, String> names) {
        this.names = names;
        this.values = Pattern.compile(String.join("|", names.keySet().stream().map(Pattern::quote).toList()));
    }

    /** The secret variables of every host of the inventory: named like secrets, or read from an encrypted file. */
    public static Redactions of(Inventory inventory) {
        Map<String, String> byValue = new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        inventory.hostMap().values().forEach(host -> new TreeMap<>(host.vars()).forEach((name, value) -> {
            if ((isSecret(name) || inventory.sealed().contains(name)) && value.length() >= MIN_LENGTH) {
                byValue.putIfAbsent(value, name);
            }
        }));
        return new Redactions(new LinkedHashMap<>(byValue));
    }

    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token") || lower.endsWith("_key");
    }

    /** These and {@code other}'s, for text that either could have reached. */
    public Redactions and(Redactions other) {
        Map<String, String> both = new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        both.putAll(other.names);
        both.putAll(names);
        return new Redactions(new LinkedHashMap<>(both));
    }

    public String apply(String text) {
        if (text == null || names.isEmpty()) {
            return text;
        }
        return values.matcher(text).replaceAll(found -> Matcher.quoteReplacement("[redacted: " + names.get(found.group()) + "]"));
    }

    /** The pass with its message and every action's message and reason redacted. */
    public PassRecord apply(PassRecord pass) {
        if (names.isEmpty()) {
            return pass;
        }
        List<ActionRecord> actions = pass.actions().stream().map(a -> new ActionRecord(a.component(), a.verb(), apply(a.reason()),
                a.outcome(), apply(a.message()))).toList();
        return new PassRecord(pass.tenant(), pass.node(), pass.revision(), pass.status(), apply(pass.message()), actions,
                pass.started(), pass.finished());
    }

    @Override
    public String toString() {
        return "redactions of " + names.size() + " secret value(s)"; // never the values
    }
}
