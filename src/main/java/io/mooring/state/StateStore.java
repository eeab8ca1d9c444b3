package io.mooring.state;

import io.mooring.model.Deployment;
import io.mooring.model.JournalRecord;
import io.mooring.model.PassRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the agent keeps its history (what each pass found and did), its rollout journal and what it deployed. */
public interface StateStore {
    void record(PassRecord pass);

    /** The newest recorded pass of a tenant on a node, without its actions. */
    Optional<PassRecord> last(String tenant, String node);

    /** The newest pass of the tenant on the node that ended with one of {@code statuses} (its last applied revision, for CONVERGED). */
    Optional<PassRecord> last(String tenant, String node, java.util.Set<io.mooring.model.PassStatus> statuses);

    /** The tenants with passes on the node, sorted. */
    List<String> tenants(String node);

    /** The newest passes first; all tenants when {@code tenant} is null. */
    List<PassRecord> recent(String tenant, int limit);

    /** Writes (or overwrites) the component's journal entry: the step about to be taken. */
    void journal(JournalRecord entry);

    /** The component's rollout is over: its journal entry goes. */
    void clearJournal(String tenant, String node, String component);

    /** What killed passes left half done for a tenant on a node. */
    List<JournalRecord> journal(String tenant, String node);

    /** Writes (or overwrites) what runs the component now. */
    void deployed(Deployment deployment);

    void undeployed(String tenant, String node, String component);

    /** What Mooring deployed for each component of the tenant on the node. */
    Map<String, Deployment> deployments(String tenant, String node);

    /** The tenants that have something deployed on the node by this agent. */
    java.util.Set<String> deployedTenants(String node);

    /** The certificate kept for the tenant on the node (made or issued by Mooring, encrypted), if any. */
    Optional<io.mooring.model.StoredCertificate> certificate(String tenant, String node);

    /** Writes (or overwrites) the tenant's certificate on the node. */
    void keepCertificate(io.mooring.model.StoredCertificate certificate);
}
