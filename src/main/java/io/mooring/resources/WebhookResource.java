package io.mooring.resources;

import io.mooring.source.WebhookVerifier;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one webhook endpoint for GitHub, GitLab, Gitea or any sender that signs like GitHub. A
 * verified delivery only makes the agent fetch at once: what is applied always comes from Git, never
 * from the payload, which is read (up to a limit) only to check its signature. Replays (a delivery id
 * seen before) are refused.
 */
@Path("/api/webhook")
public final class WebhookResource {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookResource.class);
    /** Delivery ids remembered; older ones are forgotten first. */
    private static final int REMEMBERED = 10_000;

    private final Optional<WebhookVerifier> verifier;
    private final long maxBodyBytes;
    private final Runnable fetchNow;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** {@code verifier} empty: no secret is configured, and every delivery is refused. */
    public WebhookResource(Optional<WebhookVerifier> verifier, long maxBodyBytes, Runnable fetchNow) {
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
        this.fetchNow = fetchNow;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@Context HttpHeaders headers, InputStream body) throws IOException {
        if (verifier.isEmpty()) {
            return refuse(403, "webhooks are off: give the agent a secret file (webhooks.secretFile in its configuration)");
        }
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes) {
            return refuse(413, "the body is " + length + " bytes; this agent takes at most " + maxBodyBytes);
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (bytes.length > maxBodyBytes) {
            return refuse(413, "the body is larger than " + maxBodyBytes + " bytes, the most this agent takes");
        }
        WebhookVerifier.Delivery delivery;
        try {
            delivery = verifier.get().verify(headers::getHeaderString, bytes);
        } catch (WebhookVerifier.Refused refused) {
            return refuse(refused.status(), refused.getMessage());
        }
        synchronized (seen) {
            if (seen.putIfAbsent(delivery.provider() + " " + delivery.id(), Boolean.TRUE) != null) {
                return refuse(409, "delivery " + delivery.id() + " was received before: a replay is refused");
            }
        }
        fetchNow.run();
        LOG.info("webhook from {} (delivery {}): fetching now", delivery.provider(), delivery.id());
        return Response.accepted(Map.of("provider", delivery.provider(), "delivery", delivery.id(),
                "message", "verified; the agent fetches the repository now")).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response refuse(int status, String message) {
        LOG.warn("webhook refused ({}): {}", status, message);
        return Response.status(status).entity(Map.of("code", status, "message", message)).type(MediaType.APPLICATION_JSON).build();
    }
}
