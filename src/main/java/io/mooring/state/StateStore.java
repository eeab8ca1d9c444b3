package io.mooring.state;

import io.mooring.model.PassRecord;
import java.util.List;
import java.util.Optional;

/** Where the agent keeps its history: what each pass found and did. */
public interface StateStore {
    void record(PassRecord pass);

    /** The newest recorded pass of a tenant on a node, without its actions. */
    Optional<PassRecord> last(String tenant, String node);

    /** The newest passes first; all tenants when {@code tenant} is null. */
    List<PassRecord> recent(String tenant, int limit);
}
