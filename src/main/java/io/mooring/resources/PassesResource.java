package io.mooring.resources;

import io.mooring.api.PassView;
import io.mooring.state.StateStore;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Read-only history of reconcile passes, newest first; behind the agent's token unless it allows anonymous reads. */
@ReadAccess
@Path("/api/passes")
@Produces(MediaType.APPLICATION_JSON)
public final class PassesResource {
    private static final int MAX_LIMIT = 500;
    private final StateStore store;

    public PassesResource(StateStore store) {
        this.store = store;
    }

    @GET
    public List<PassView> recent(@QueryParam("tenant") String tenant, @QueryParam("limit") @DefaultValue("50") int limit) {
        return store.recent(tenant, Math.max(1, Math.min(limit, MAX_LIMIT))).stream().map(PassView::of).toList();
    }
}
