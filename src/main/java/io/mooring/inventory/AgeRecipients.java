package io.mooring.inventory;

import java.util.List;
import java.util.regex.Pattern;

/** A {@code .age-recipients} file: one {@code age1...} public key a line; blank lines and {@code #} comments skipped. */
public final class AgeRecipients {
    private static final Pattern KEY = Pattern.compile("age1[02-9ac-hj-np-z]{58}");

    private AgeRecipients() {
    }

    /** The file's public keys, in order; what is not one is left out (a key's toString is checked by the library that uses it). */
    public static List<String> parse(String text) {
        return text.lines().map(AgeRecipients::strip).filter(l -> !l.isEmpty()).filter(l -> KEY.matcher(l).matches()).toList();
    }

    /** The lines that are neither blank, a comment nor a public key: what the file's author should fix. */
    public static List<String> invalid(String text) {
        return text.lines().map(AgeRecipients::strip).filter(l -> !l.isEmpty()).filter(l -> !KEY.matcher(l).matches()).toList();
    }

    private static String strip(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }
}
