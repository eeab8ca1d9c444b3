package io.mooring.state;

import io.mooring.model.Deployment;
import io.mooring.model.JournalRecord;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store of a node of a cluster: everything the node writes and reads of itself (its passes, the rollout journal,
 * its deployments) in its {@code own} store, on its own disk, so that a pass never waits on the shared database; the
 * cluster's history of passes (every node's, which the node's own passes reach through a {@link PassOutbox}) read from
 * the {@code shared} one while it answers, else from the node's own.
 */
public final class NodeStore implements StateStore {
    private final StateStore own;
    private final StateStore shared;

    public NodeStore(StateStore own, StateStore shared) {
        this.own = own;
        this.shared = shared;
    }

    @Override
    public void record(PassRecord pass) {
        own.record(pass);
    }

    @Override
    public Optional<PassRecord> last(String tenant, String node) {
        return own.last(tenant, node);
    }

    @Override
    public Optional<PassRecord> last(String tenant, String node, Set<PassStatus> statuses) {
        return own.last(tenant, node, statuses);
    }

    @Override
    public List<String> tenants(String node) {
        return own.tenants(node);
    }

    /** The cluster's history; this node's own while the shared database cannot be used. */
    @Override
    public List<PassRecord> recent(String tenant, int limit) {
        try {
            return shared.recent(tenant, limit);
        } catch (StateException e) {
            return own.recent(tenant, limit);
        }
    }

    @Override
    public void journal(JournalRecord entry) {
        own.journal(entry);
    }

    @Override
    public void clearJournal(String tenant, String node, String component) {
        own.clearJournal(tenant, node, component);
    }

    @Override
    public List<JournalRecord> journal(String tenant, String node) {
        return own.journal(tenant, node);
    }

    @Override
    public void deployed(Deployment deployment) {
        own.deployed(deployment);
    }

    @Override
    public void undeployed(String tenant, String node, String component) {
        own.undeployed(tenant, node, component);
    }

    @Override
    public Map<String, Deployment> deployments(String tenant, String node) {
        return own.deployments(tenant, node);
    }

    @Override
    public Set<String> deployedTenants(String node) {
        return own.deployedTenants(node);
    }

    /** A node's certificates are its own: kept in its own store, never shared. */
    @Override
    public java.util.Optional<io.mooring.model.StoredCertificate> certificate(String tenant, String node) {
        return own.certificate(tenant, node);
    }

    @Override
    public void keepCertificate(io.mooring.model.StoredCertificate certificate) {
        own.keepCertificate(certificate);
    }
}
