package io.mooring.state;

import io.mooring.model.Deployment;
import io.mooring.model.JournalRecord;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.StoredCertificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store still being opened, on a thread of its own, while its process does what does not need it: each call waits
 * for the store, then goes to it. When the open failed, {@link #store()} throws that ({@link StateException}) and the
 * call does nothing.
 */
public abstract class DeferredStore implements StateStore {
    /** The store once it is open, waited for; its open's failure as a {@link StateException}. */
    protected abstract StateStore store();

    /** The store {@code opened} waits for and gives. */
    public static DeferredStore of(Supplier<StateStore> opened) {
        return new DeferredStore() {
            @Override
            protected StateStore store() {
                return opened.get();
            }
        };
    }

    @Override
    public void record(PassRecord pass) {
        store().record(pass);
    }

    @Override
    public Optional<PassRecord> last(String tenant, String node) {
        return store().last(tenant, node);
    }

    @Override
    public Optional<PassRecord> last(String tenant, String node, Set<PassStatus> statuses) {
        return store().last(tenant, node, statuses);
    }

    @Override
    public List<String> tenants(String node) {
        return store().tenants(node);
    }

    @Override
    public List<PassRecord> recent(String tenant, int limit) {
        return store().recent(tenant, limit);
    }

    @Override
    public void journal(JournalRecord entry) {
        store().journal(entry);
    }

    @Override
    public void clearJournal(String tenant, String node, String component) {
        store().clearJournal(tenant, node, component);
    }

    @Override
    public List<JournalRecord> journal(String tenant, String node) {
        return store().journal(tenant, node);
    }

    @Override
    public void deployed(Deployment deployment) {
        store().deployed(deployment);
    }

    @Override
    public void undeployed(String tenant, String node, String component) {
        store().undeployed(tenant, node, component);
    }

    @Override
    public Map<String, Deployment> deployments(String tenant, String node) {
        return store().deployments(tenant, node);
    }

    @Override
    public Set<String> deployedTenants(String node) {
        return store().deployedTenants(node);
    }

    @Override
    public Optional<StoredCertificate> certificate(String tenant, String node) {
        return store().certificate(tenant, node);
    }

    @Override
    public void keepCertificate(StoredCertificate certificate) {
        store().keepCertificate(certificate);
    }
}
