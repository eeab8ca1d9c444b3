package io.mooring.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signing in to the status page, its session cookie, its form token and the origin of a write. */
class PageAccessTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PageAccess access = new PageAccess(Optional.of("s3cret-token"), false, CLOCK);

    @Test
    void onlyTheAgentsTokenSignsIn() {
        assertThat(access.accepts("s3cret-token")).isTrue();
        assertThat(access.accepts("s3cret-token\n")).as("as a file holds it").isTrue();
        assertThat(access.accepts("s3cret-tokeN")).isFalse();
        assertThat(access.accepts("")).isFalse();
        assertThat(access.accepts(null)).isFalse();
        PageAccess off = new PageAccess(Optional.empty(), true, CLOCK);
        assertThat(off.tokenConfigured()).isFalse();
        assertThat(off.accepts("")).isFalse();
        assertThat(off.valid(off.tokenConfigured() ? "" : "a.1.b")).isFalse();
    }

    @Test
    void aSessionIsValidUntilItExpiresAndNeverOnceTamperedWithOrUnderAnotherToken() {
        String session = access.newSession();
        assertThat(session).doesNotContain("s3cret");
        assertThat(access.valid(session)).isTrue();
        assertThat(access.newSession()).as("a nonce of its own").isNotEqualTo(session);

        String[] parts = session.split("\\.");
        assertThat(access.valid(parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2])).as("a later expiry").isFalse();
        assertThat(access.valid(session.substring(0, session.length() - 1) + (session.endsWith("0") ? "1" : "0"))).isFalse();
        assertThat(access.valid("")).isFalse();
        assertThat(access.valid(null)).isFalse();
        assertThat(access.valid("....")).isFalse();
        assertThat(new PageAccess(Optional.of("another-token"), false, CLOCK).valid(session)).as("a new token ends every session").isFalse();
        Clock later = Clock.fixed(NOW.plus(PageAccess.SESSION).plusSeconds(1), ZoneOffset.UTC);
        assertThat(new PageAccess(Optional.of("s3cret-token"), false, later).valid(session)).as("expired").isFalse();
    }

    @Test
    void theFormTokenBelongsToItsSession() {
        String one = access.newSession();
        String two = access.newSession();
        String form = access.formToken(one).orElseThrow();
        assertThat(access.formTokenMatches(one, form)).isTrue();
        assertThat(access.formTokenMatches(two, form)).isFalse();
        assertThat(access.formTokenMatches(one, null)).isFalse();
        assertThat(access.formTokenMatches(null, form)).isFalse();
        assertThat(access.formToken("not-a-session")).isEmpty();
    }

    @Test
    void aWriteMustComeFromThePagesOwnOrigin() {
        URI base = URI.create("http://127.0.0.1:8080/");
        assertThat(PageAccess.sameOrigin(base, "http://127.0.0.1:8080", null)).isTrue();
        assertThat(PageAccess.sameOrigin(base, null, "http://127.0.0.1:8080/tenants/acme")).isTrue();
        assertThat(PageAccess.sameOrigin(base, "http://evil.example", "http://127.0.0.1:8080/")).as("Origin first").isFalse();
        assertThat(PageAccess.sameOrigin(base, "http://127.0.0.1:8081", null)).isFalse();
        assertThat(PageAccess.sameOrigin(base, "https://127.0.0.1:8080", null)).isFalse();
        assertThat(PageAccess.sameOrigin(base, "null", null)).as("a sandboxed frame's").isFalse();
        assertThat(PageAccess.sameOrigin(base, null, null)).isFalse();
        assertThat(PageAccess.sameOrigin(URI.create("https://mooring.example/"), "https://mooring.example:443", null)).isTrue();
        assertThat(PageAccess.sameOrigin(base, "http://[bad", null)).isFalse();
    }

    @Test
    void theCookieIsHttpOnlyStrictSiteWideAndSecureOverHttps() {
        NewCookie plain = PageAccess.cookie("v", false);
        assertThat(plain.getName()).isEqualTo(PageAccess.COOKIE);
        assertThat(plain.isHttpOnly()).isTrue();
        assertThat(plain.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
        assertThat(plain.getPath()).isEqualTo("/");
        assertThat(plain.isSecure()).isFalse();
        assertThat(plain.getMaxAge()).isEqualTo((int) Duration.ofHours(12).toSeconds());
        assertThat(PageAccess.cookie("v", true).isSecure()).isTrue();
        NewCookie cleared = PageAccess.cleared(true);
        assertThat(cleared.getMaxAge()).isZero();
        assertThat(cleared.getValue()).isEmpty();
        assertThat(cleared.isHttpOnly()).isTrue();
    }
}
