package io.mooring.resources;

import io.mooring.api.TenantView;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.state.StateStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The tenants of this node, and what a person may ask of the agent about one of them. */
@Path("/api/tenants")
@Produces(MediaType.APPLICATION_JSON)
public final class TenantsResource {
    private final StateStore store;
    private final Consumer<String> retry;
    private final Supplier<Optional<TenantView.Fetched>> fetched;
    private final String node;
    private final Function<String, Optional<TenantView.Certificate>> certificates;

    /**
     * {@code retry} asks the reconcile loop for a pass of the tenant that starts now and applies even a held
     * revision; {@code fetched} tells the newest revision the loop fetched.
     */
    public TenantsResource(StateStore store, Consumer<String> retry, Supplier<Optional<TenantView.Fetched>> fetched, String node) {
        this(store, retry, fetched, node, tenant -> Optional.empty());
    }

    /** {@code certificates}: each tenant's certificate as its containers were last given it here. */
    public TenantsResource(StateStore store, Consumer<String> retry, Supplier<Optional<TenantView.Fetched>> fetched, String node,
                           Function<String, Optional<TenantView.Certificate>> certificates) {
        this.store = store;
        this.retry = retry;
        this.fetched = fetched;
        this.node = node;
        this.certificates = certificates;
    }

    /** Per tenant with passes here: the last fetched, attempted and applied revisions, and the last error. */
    @GET
    @ReadAccess
    public List<TenantView> tenants() {
        Optional<TenantView.Fetched> head = fetched.get();
        return store.tenants(node).stream().map(t -> TenantView.of(t, node, head, store.last(t, node),
                store.last(t, node, Set.of(PassStatus.CONVERGED)), store.last(t, node, PassStatus.FAILURES)).with(certificates.apply(t)))
                .toList();
    }

    /**
     * Applies the tenant's current revision again on a pass that starts now, even if it failed here before:
     * the explicit retry of a held revision.
     */
    @POST
    @Path("{tenant}/retry")
    @WriteAccess
    public Response retry(@PathParam("tenant") String tenant) {
        Optional<PassRecord> last = tenant.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}") ? store.last(tenant, node) : Optional.empty();
        if (last.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("code", 404,
                    "message", "no pass of tenant '" + tenant + "' on node " + node + "; nothing to retry")).build();
        }
        retry.accept(tenant);
        String held = last.get().status() == PassStatus.HELD || last.get().status() == PassStatus.FAILED
                ? "its revision " + shortId(last.get().revision()) + " is tried again" : "it is reconciled again";
        return Response.accepted(Map.of("tenant", tenant, "message", "retry requested: " + held + " on a pass that starts now;"
                + " GET /api/passes?tenant=" + tenant + " shows the outcome")).build();
    }

    private static String shortId(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
