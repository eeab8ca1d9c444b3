package io.mooring.resources;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Optional;

/**
 * Lets a {@link ReadAccess} request through with the agent's token, or without one when the agent says
 * {@code api.anonymousRead: true}: passes show hook output and log tails, not for whoever reaches the port.
 */
@ReadAccess
@Priority(Priorities.AUTHENTICATION)
public final class ReadTokenFilter implements ContainerRequestFilter {
    private final BearerCheck check;
    private final boolean anonymous;

    public ReadTokenFilter(Optional<String> token, boolean anonymous) {
        this.check = new BearerCheck(token);
        this.anonymous = anonymous;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!anonymous) {
            check.check(request, "reading the API needs a token: give the agent a token file (api.tokenFile in its configuration)"
                    + " and send Authorization: Bearer <token>, or set api.anonymousRead: true to let anyone who reaches the port read");
        }
    }
}
