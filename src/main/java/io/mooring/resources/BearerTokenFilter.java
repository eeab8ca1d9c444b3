package io.mooring.resources;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Optional;

/** Lets a {@link WriteAccess} request through only with the agent's token; without a configured token the write API is off. */
@WriteAccess
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    private final BearerCheck check;

    public BearerTokenFilter(Optional<String> token) {
        this.check = new BearerCheck(token);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        check.check(request, "the write API is off: give the agent a token file (api.tokenFile in its configuration)");
    }
}
