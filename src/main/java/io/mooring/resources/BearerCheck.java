package io.mooring.resources;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through only with {@code Authorization: Bearer <the agent's token>}, compared in constant time;
 * without a configured token, refuses it with what to configure. Tokens are never logged.
 */
final class BearerCheck {
    private static final Logger LOG = LoggerFactory.getLogger(BearerCheck.class);
    private static final String PREFIX = "Bearer ";

    private final Optional<byte[]> expected;

    BearerCheck(Optional<String> token) {
        this.expected = token.map(BearerCheck::sha256);
    }

    /** {@code off}: why the request is refused when the agent has no token. */
    void check(ContainerRequestContext request, String off) {
        if (expected.isEmpty()) {
            request.abortWith(refusal(Response.Status.FORBIDDEN, off));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        byte[] given = sha256(bearer ? header.substring(PREFIX.length()).strip() : "");
        if (!bearer || !MessageDigest.isEqual(given, expected.get())) {
            LOG.warn("refused {} {}: {}", request.getMethod(), request.getUriInfo().getPath(),
                    header == null ? "no Authorization header" : bearer ? "wrong token" : "not a Bearer token");
            request.abortWith(Response.fromResponse(refusal(Response.Status.UNAUTHORIZED,
                    "this request needs Authorization: Bearer <the agent's API token>")).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
    }

    private static Response refusal(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("code", status.getStatusCode(), "message", message)).build();
    }

    /** Digests first, so that the comparison takes as long whatever the lengths. */
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
