package io.mooring.resources;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
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
 * Lets a {@link WriteAccess} request through only with {@code Authorization: Bearer <the agent's token>},
 * compared in constant time. Without a configured token the write API is off. Tokens are never logged.
 */
@WriteAccess
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String PREFIX = "Bearer ";

    private final Optional<byte[]> expected;

    public BearerTokenFilter(Optional<String> token) {
        this.expected = token.map(BearerTokenFilter::sha256);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (expected.isEmpty()) {
            request.abortWith(refusal(Response.Status.FORBIDDEN,
                    "the write API is off: give the agent a token file (api.tokenFile in its configuration)"));
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
