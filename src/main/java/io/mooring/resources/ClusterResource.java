package io.mooring.resources;

import io.mooring.model.ClusterStatus;
import io.mooring.state.ClusterState;
import io.mooring.state.StateException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node of the cluster as {@code mooring status --all --format json} shows it, from the shared state database; behind
 * the agent's token unless it allows anonymous reads. A database that does not answer is a 503 saying so.
 */
@ReadAccess
@Path("/api/cluster")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterResource.class);
    private final ClusterState cluster;

    public ClusterResource(ClusterState cluster) {
        this.cluster = cluster;
    }

    @GET
    public Response cluster() {
        try {
            ClusterState.Snapshot snapshot = cluster.read();
            return Response.ok(ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now())).build();
        } catch (StateException e) {
            // The database's own words name its host, database and user: they go to the agent's log, not to the caller.
            LOG.warn("GET /api/cluster: the cluster's state database cannot be read: {}", e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(Map.of("error",
                    "the cluster's state database cannot be read; the agent's log says why")).build();
        }
    }
}
