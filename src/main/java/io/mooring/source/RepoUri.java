package io.mooring.source;

/** Repository addresses as they may be shown: a token or password in the address is never printed. */
public final class RepoUri {
    private RepoUri() {
    }

    /**
     * A repository address, or any text that contains addresses (such as a library's error message),
     * with every {@code scheme://user[:secret]@} shown as {@code scheme://***@}.
     */
    public static String redact(String text) {
        return text == null ? "" : text.replaceAll("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@", "$1***@");
    }
}
