package io.mooring.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one way a value gets into the status page's HTML: tenant names, messages and reasons come from repositories and
 * logs anyone may have written, so each is escaped for text and attribute values alike, and a control character
 * (a terminal escape, a bidirectional override) is shown as '?'.
 */
public final class Html {
    private Html() {
    }

    /** {@code value} as HTML text or a quoted attribute value; null is the empty string. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                case '\n', '\t' -> out.append((char) c);
                default -> {
                    int type = Character.getType(c);
                    out.appendCodePoint(type == Character.CONTROL || type == Character.FORMAT ? '?' : c);
                }
            }
        });
        return out.toString();
    }

    /** {@code value} as one segment of a path in a link: percent-encoded (then escaped by whoever puts it in an attribute). */
    public static String segment(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
