package io.mooring.source;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook delivery comes from whoever holds the shared secret, whichever Git host sent it:
 * GitHub ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}), Gitea ({@code X-Gitea-Signature},
 * the hex HMAC), GitLab ({@code X-Gitlab-Token}, the secret itself) or anything else that signs like GitHub
 * under {@code X-Mooring-Signature}. Every comparison takes the same time whatever the input. Each host's
 * delivery id is required, so that a replay can be told. Pure: no I/O.
 */
public final class WebhookVerifier {
    /** A verified delivery: the host that sent it and its delivery id. */
    public record Delivery(String provider, String id) {
    }

    /** Why a delivery is refused; {@code status} is the HTTP status to answer with. */
    public static final class Refused extends Exception {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final byte[] secret;

    public WebhookVerifier(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code headers} looks a header up by its name in any case; {@code body} is the raw request body. */
    public Delivery verify(Function<String, String> headers, byte[] body) throws Refused {
        if (present(headers, "X-Gitea-Signature")) {
            requireEqual(hex(hmac(body)), headers.apply("X-Gitea-Signature").strip().toLowerCase(Locale.ROOT), "X-Gitea-Signature");
            return new Delivery("gitea", delivery(headers, "X-Gitea-Delivery"));
        }
        if (present(headers, "X-Hub-Signature-256")) {
            requireEqual("sha256=" + hex(hmac(body)), headers.apply("X-Hub-Signature-256").strip().toLowerCase(Locale.ROOT),
                    "X-Hub-Signature-256");
            return new Delivery("github", delivery(headers, "X-GitHub-Delivery"));
        }
        if (present(headers, "X-Gitlab-Token")) {
            requireEqual(sha256(secret), sha256(headers.apply("X-Gitlab-Token").getBytes(StandardCharsets.UTF_8)), "X-Gitlab-Token");
            String id = present(headers, "Idempotency-Key") ? headers.apply("Idempotency-Key") : headers.apply("X-Gitlab-Event-UUID");
            return new Delivery("gitlab", requireId(id, "Idempotency-Key or X-Gitlab-Event-UUID"));
        }
        if (present(headers, "X-Mooring-Signature")) {
            requireEqual("sha256=" + hex(hmac(body)), headers.apply("X-Mooring-Signature").strip().toLowerCase(Locale.ROOT),
                    "X-Mooring-Signature");
            return new Delivery("generic", delivery(headers, "X-Mooring-Delivery"));
        }
        throw new Refused(401, "no signature: expected X-Hub-Signature-256 (GitHub), X-Gitea-Signature (Gitea), X-Gitlab-Token (GitLab)"
                + " or X-Mooring-Signature (sha256=<hex HMAC-SHA256 of the body>)");
    }

    private static boolean present(Function<String, String> headers, String name) {
        String value = headers.apply(name);
        return value != null && !value.isBlank();
    }

    private static String delivery(Function<String, String> headers, String name) throws Refused {
        return requireId(headers.apply(name), name);
    }

    private static String requireId(String id, String name) throws Refused {
        if (id == null || id.isBlank()) {
            throw new Refused(400, "no delivery id (" + name + "): a delivery cannot be told from a replay without one");
        }
        if (id.length() > 200) {
            throw new Refused(400, "the delivery id (" + name + ") is longer than 200 characters");
        }
        return id.strip();
    }

    private static void requireEqual(String expected, String given, String header) throws Refused {
        requireEqual(sha256(expected.getBytes(StandardCharsets.UTF_8)), sha256(given.getBytes(StandardCharsets.UTF_8)), header);
    }

    /** Digests of equal length compared in constant time: neither the content nor the length of the secret leaks. */
    private static void requireEqual(byte[] expected, byte[] given, String header) throws Refused {
        if (!MessageDigest.isEqual(expected, given)) {
            throw new Refused(401, header + " does not match: the delivery was not signed with this agent's webhook secret");
        }
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** For tests and for senders that sign like GitHub: {@code sha256=<hex HMAC-SHA256 of body>}. */
    public String signature(byte[] body) {
        return "sha256=" + hex(hmac(body));
    }
}
