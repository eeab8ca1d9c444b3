package io.mooring.web;

import io.mooring.model.ClusterStatus;
import io.mooring.model.NodeReport;
import io.mooring.model.PassRecord;
import io.mooring.state.ClusterState;
import io.mooring.state.StateException;
import io.mooring.state.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the status page shows: the cluster's view from the shared state database, as {@code mooring status --all} does;
 * or, on an agent with a database of its own or while the shared one cannot be read, this node's own view (its
 * reporter's memory, and the store's last pass of tenants it holds no memory of), saying so.
 */
public final class ClusterView {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
    private final Optional<ClusterState> cluster;
    private final Supplier<NodeReport> own;
    private final StateStore store;
    private final String node;
    private final Clock clock;

    /** The view shown, and why it is this node's own when it is. */
    public record Shown(ClusterStatus status, Optional<String> ownView, Instant now) {
    }

    /** {@code cluster}: the shared state database's view, empty when the agent's database is its own. */
    public ClusterView(Optional<ClusterState> cluster, Supplier<NodeReport> own, StateStore store, String node, Clock clock) {
        this.cluster = cluster;
        this.own = own;
        this.store = store;
        this.node = node;
        this.clock = clock;
    }

    public Shown read() {
        if (cluster.isEmpty()) {
            return own("This agent keeps its state in a database of its own: the page shows node " + node + " alone.");
        }
        try {
            ClusterState.Snapshot snapshot = cluster.get().read();
            if (snapshot.nodes().isEmpty()) {
                return own("No node has reported to the cluster's state database yet: the page shows node " + node + "'s own view.");
            }
            return new Shown(ClusterStatus.of(snapshot.nodes(), snapshot.leader(), snapshot.now()), Optional.empty(), snapshot.now());
        } catch (StateException e) {
            // The database's own words name its host, database and user: they go to the agent's log, not to the page.
            LOG.warn("the status page: the cluster's state database cannot be read: {}", e.getMessage());
            return own("The cluster's state database cannot be read (the agent's log says why): the page shows node " + node
                    + "'s own view.");
        }
    }

    private Shown own(String why) {
        Instant now = clock.instant();
        NodeReport report = own.get();
        TreeMap<String, NodeReport.Tenant> tenants = new TreeMap<>();
        report.tenants().forEach(t -> tenants.put(t.tenant(), t));
        for (PassRecord pass : stored(tenants.keySet())) {
            tenants.put(pass.tenant(), new NodeReport.Tenant(pass.tenant(), List.of(), pass.revision(), pass.status().name(), pass.lastFinished(),
                    List.of()));
        }
        NodeReport seen = new NodeReport(report.node(), report.version(), report.address(), report.started(), now, report.interval(),
                List.of(), new ArrayList<>(tenants.values()), report.note());
        return new Shown(ClusterStatus.of(List.of(seen), Optional.empty(), now).only(node), Optional.of(why), now);
    }

    /** The last pass in the store of each tenant the reporter does not know (none when the store does not answer either). */
    private List<PassRecord> stored(Set<String> known) {
        try {
            return store.tenants(node).stream().filter(t -> !known.contains(t)).map(t -> store.last(t, node)).flatMap(Optional::stream).toList();
        } catch (StateException e) {
            LOG.warn("the status page: this node's history cannot be read: {}", e.getMessage());
            return List.of();
        }
    }
}
