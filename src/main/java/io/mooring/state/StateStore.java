package io.mooring.state;

import io.mooring.model.PassRecord;
import java.util.List;

/** Where the agent keeps its history: what each pass found and did. */
public interface StateStore {
    void record(PassRecord pass);

    /** The newest passes first; all tenants when {@code tenant} is null. */
    List<PassRecord> recent(String tenant, int limit);
}
