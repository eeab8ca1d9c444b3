package io.mooring.state.jdbi;

import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Text as the state store writes it. Much of it is the tenants' (a variable echoed in a message, a hook's output, a
 * container's last log lines) and may hold what a database refuses: PostgreSQL takes no NUL in text, and a driver
 * cannot encode half of a surrogate pair. A refused insert would lose the whole pass, so such characters are written
 * as {@code \u0000}-style escapes; line feeds and tabs stay, and text without such characters is written unchanged.
 * Every string the store binds goes through here, keys included, so that a lookup finds what was written.
 */
final class StoredText extends AbstractArgumentFactory<String> {
    /** A message longer than this is cut: it is read in lists of passes, and the whole of a megabyte of log helps no one. */
    static final int MAX_MESSAGE = 32 * 1024;

    StoredText() {
        super(Types.VARCHAR);
    }

    @Override
    protected Argument build(String value, ConfigRegistry config) {
        String stored = escaped(value);
        return (position, statement, context) -> statement.setString(position, stored);
    }

    /** {@code text} with every C0 control but line feed and tab, and every unpaired surrogate, as {@code \\uXXXX}. */
    static String escaped(String text) {
        int first = firstRefusable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (refusable(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A message cut to {@link #MAX_MESSAGE} characters, with a note saying how much was left out. */
    static String capped(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        int end = MAX_MESSAGE;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return message.substring(0, end) + " [cut: " + (message.length() - end) + " more characters]";
    }

    private static int firstRefusable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (refusable(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean refusable(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20) {
            return c != '\n' && c != '\t';
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
