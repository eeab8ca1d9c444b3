package io.mooring.wiring;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.mooring.config.AgentConfig;
import io.mooring.reconcile.NodeReporter;
import io.mooring.state.ClusterState;
import io.mooring.state.StateStore;
import io.mooring.web.ClusterView;
import io.mooring.web.PageAccess;
import io.mooring.web.StatusPageResource;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/** The status page on the application port, behind the API's token (unless anonymous reads are allowed). */
public final class StatusPages {
    private StatusPages() {
    }

    /**
     * Registers {@code /}, {@code /tenants/...}, {@code /login} and {@code /logout}: the cluster's view on a shared
     * database, else {@code reporter}'s view of this node; {@code retry} is the API's.
     */
    public static void register(JerseyEnvironment jersey, AgentConfig config, StateStore store, ClusterState cluster, NodeReporter reporter,
                                Consumer<String> retry) {
        Clock clock = Clock.systemUTC();
        ClusterView view = new ClusterView(ClusterParts.shared(config.getDatabase()) ? Optional.of(cluster) : Optional.empty(), reporter::report,
                store, config.getNode(), clock);
        PageAccess access = new PageAccess(config.getApi().token(), config.getApi().isAnonymousRead(), clock);
        jersey.register(new StatusPageResource(access, view, store, config.getNode(), retry, clock));
    }
}
