package io.mooring.source;

/** Repository addresses as they may be shown: a token or password in the address is never printed. */
public final class RepoUri {
    private RepoUri() {
    }

    /** Every {@code scheme://user[:secret]@} in a text, such as a library's error message, with its user part hidden. */
    public static String redactAll(String text) {
        return text == null ? "" : text.replaceAll("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@", "$1***@");
    }

    public static String redact(String uri) {
        int scheme = uri.indexOf("://");
        int at = uri.indexOf('@', Math.max(scheme, 0));
        int slash = uri.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
            return uri;
        }
        return uri.substring(0, scheme + 3) + "***@" + uri.substring(at + 1);
    }
}
