package io.mooring.web;

import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may see the status page and act on it. A person signs in once with the agent's API token, compared in constant
 * time; the page then keeps a session in an HttpOnly, SameSite=Strict cookie: a random nonce and an expiry, signed with
 * a key derived from the token, never the token itself, so the cookie opens no door of the JSON API and a new token
 * ends every session. A form that changes something carries the session's own form token, and its request must come
 * from the page's own origin. Reads need no session when the agent allows anonymous reads; writes always do.
 */
public final class PageAccess {
    /** The session cookie's name. */
    public static final String COOKIE = "mooring_session";
    /** How long a session lasts. */
    static final Duration SESSION = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<byte[]> expected;
    private final Optional<byte[]> key;
    private final boolean anonymous;
    private final Clock clock;

    public PageAccess(Optional<String> token, boolean anonymous, Clock clock) {
        this.expected = token.map(PageAccess::sha256);
        this.key = token.map(t -> sha256("mooring status page session key\n" + t));
        this.anonymous = anonymous;
        this.clock = clock;
    }

    /** Whether the agent has a token at all (without one, nobody signs in and nothing is changed from the page). */
    public boolean tokenConfigured() {
        return expected.isPresent();
    }

    public boolean anonymousRead() {
        return anonymous;
    }

    /** Whether {@code given} is the agent's token; digests first, so the comparison takes as long whatever the lengths. */
    public boolean accepts(String given) {
        return expected.isPresent() && given != null && MessageDigest.isEqual(sha256(given.strip()), expected.get());
    }

    /** A new session's cookie value: nonce, expiry (epoch seconds) and their signature. */
    public String newSession() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "." + clock.instant().plus(SESSION).getEpochSecond();
        return body + "." + mac("session", body);
    }

    /** Whether {@code session} is a cookie this agent's token signed and that has not expired. */
    public boolean valid(String session) {
        if (key.isEmpty() || session == null) {
            return false;
        }
        int last = session.lastIndexOf('.');
        int first = session.indexOf('.');
        if (first <= 0 || last <= first) {
            return false;
        }
        String body = session.substring(0, last);
        boolean signed = MessageDigest.isEqual(mac("session", body).getBytes(StandardCharsets.US_ASCII),
                session.substring(last + 1).getBytes(StandardCharsets.US_ASCII));
        try {
            return signed && Long.parseLong(session.substring(first + 1, last)) > clock.instant().getEpochSecond();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The form token of a valid session: the same for the whole session, unknown to any other site. */
    public Optional<String> formToken(String session) {
        return valid(session) ? Optional.of(mac("form", session.substring(0, session.lastIndexOf('.')))) : Optional.empty();
    }

    /** Whether a form's {@code given} token is the session's. */
    public boolean formTokenMatches(String session, String given) {
        Optional<String> expectedToken = formToken(session);
        return expectedToken.isPresent() && given != null
                && MessageDigest.isEqual(expectedToken.get().getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether a POST comes from the page itself: its Origin (or, without one, its Referer) is the address the request
     * was sent to ({@code base}); a request with neither is refused.
     */
    public static boolean sameOrigin(URI base, String origin, String referer) {
        String from = origin != null && !origin.isBlank() ? origin : referer;
        if (from == null || from.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(from.strip());
            return base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                    && base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) && port(base) == port(uri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The session cookie: HttpOnly, SameSite=Strict, for the whole site, Secure when the request came over HTTPS. */
    public static NewCookie cookie(String value, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) SESSION.toSeconds()).build();
    }

    /** The cookie that ends a session. */
    public static NewCookie cleared(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT)
                .maxAge(0).build();
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private String mac(String purpose, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.orElseThrow(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((purpose + "\n" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
